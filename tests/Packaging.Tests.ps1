#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    The module as the PowerShell Gallery would deliver it: tools/New-ModulePackage.ps1 (what
    build.ps1 -Task Package runs) packs out/OktaIntegration with PSResourceGet; the package is
    published to a local file repository, installed with Install-PSResource, and imported BY NAME
    in a fresh PowerShell, which then runs cmdlets against the emulator and opens online help.

    Nothing of the user's is touched: the PowerShell that registers the repository and installs
    runs with HOME (and XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME) inside TestDrive, which
    is where PSResourceGet keeps its repository list and where the CurrentUser scope installs on
    Linux and macOS; the repository is unregistered afterwards anyway. No network: the repository
    is a folder and the emulator is on loopback. On Windows the CurrentUser scope is the Documents
    folder, which an environment variable cannot move, so the install round trip is skipped there.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:root = Get-OktaTestRepositoryRoot
    $script:builtModule = Split-Path -Parent (Get-OktaTestModulePath)
    $script:built = Import-PowerShellDataFile -LiteralPath (Get-OktaTestModulePath)
    $script:package = & (Join-Path $script:root 'tools/New-ModulePackage.ps1') -ModulePath $script:builtModule -DestinationPath (Join-Path $TestDrive 'package')

    function script:Get-ChangelogSection([string] $Version) {
        # Read independently of build.ps1: the lines under "## [version]" up to the next "## ",
        # without link definitions.
        $text = Get-Content -LiteralPath (Join-Path $script:root 'CHANGELOG.md') -Raw
        $match = [regex]::Match($text, '(?ms)^##\s+\[' + [regex]::Escape($Version) + '\][^\n]*\n(.*?)(?=^##\s|\z)')
        if (-not $match.Success) { throw "CHANGELOG.md has no [$Version] section." }
        (($match.Groups[1].Value -split '\r?\n') | Where-Object { $_ -notmatch '^\[[^\]]+\]:\s' }) -join "`n" | ForEach-Object Trim
    }

    function script:Invoke-IsolatedPwsh([hashtable] $Environment, [string] $Command) {
        # A fresh PowerShell with some environment variables replaced for it alone; returns its
        # output (errors included), and throws with that output when it fails. The variables are
        # restored in this process whatever happens.
        $saved = @{}
        foreach ($name in $Environment.Keys) {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $Environment[$name])
        }
        try {
            $output = @(Invoke-TestPwsh -NoProfile -NonInteractive -Command $Command 2>&1 | ForEach-Object { "$_" })
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
        if ($LASTEXITCODE -ne 0) { throw "The child PowerShell failed (exit code $LASTEXITCODE):`n$($output -join "`n")" }
        $output
    }
}

Describe 'The package PSResourceGet makes from out/OktaIntegration' {
    BeforeAll {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($script:package.FullName)
        try {
            $script:entries = @($zip.Entries | ForEach-Object FullName)
            $reader = [System.IO.StreamReader]::new(($zip.Entries | Where-Object FullName -eq 'OktaIntegration.nuspec').Open())
            try { [xml] $script:nuspec = $reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally {
            $zip.Dispose()
        }
        $script:metadata = $script:nuspec.package.metadata
    }

    It 'is named OktaIntegration.{version}.nupkg' {
        $script:package.Name | Should -Be "OktaIntegration.$($script:built.ModuleVersion).nupkg"
    }

    It 'holds every file of the built module at the same relative path' {
        $prefix = (Resolve-Path -LiteralPath $script:builtModule).Path.TrimEnd('/', '\').Length + 1
        $files = Get-ChildItem -LiteralPath $script:builtModule -Recurse -File | ForEach-Object { $_.FullName.Substring($prefix) -replace '\\', '/' }
        foreach ($file in $files) { $script:entries | Should -Contain $file }
        $script:entries | Should -Contain 'dependencies/core/OktaIntegration.Core.dll'
        $script:entries | Should -Contain 'dependencies/desktop/OktaIntegration.Core.dll'
        $script:entries | Should -Contain 'en-US/OktaIntegration.dll-Help.xml'
        $script:entries | Should -Not -Contain 'OktaIntegration.Core.dll'
    }

    It 'carries the Gallery metadata of the manifest' {
        $psData = $script:built.PrivateData.PSData
        $script:metadata.id | Should -Be 'OktaIntegration'
        $script:metadata.version | Should -Be $script:built.ModuleVersion
        $script:metadata.authors | Should -Be $script:built.Author
        $script:metadata.description | Should -Be $script:built.Description
        $script:metadata.projectUrl | Should -Be $psData.ProjectUri
        $script:metadata.licenseUrl | Should -Be $psData.LicenseUri
        foreach ($tag in $psData.Tags) { $script:metadata.tags -split ' ' | Should -Contain $tag }
    }

    It 'has the release notes of this version from CHANGELOG.md, stamped by the build' {
        $expected = Get-ChangelogSection $script:built.ModuleVersion
        $script:built.PrivateData.PSData.ReleaseNotes | Should -BeExactly $expected
        ($script:metadata.releaseNotes -replace '\r\n', "`n") | Should -BeExactly $expected
    }

    It 'was made from a manifest Test-ModuleManifest accepts' {
        { Test-ModuleManifest -Path (Get-OktaTestModulePath) -ErrorAction Stop } | Should -Not -Throw
    }
}

Describe 'Publish, Install-PSResource and Import-Module OktaIntegration by name' -Skip:$IsWindows {
    BeforeAll {
        $script:org = Start-TestEmulator -Events 20 -Users 20

        # The user folders of the PowerShell that installs: all inside TestDrive, created first
        # (.NET reports a special folder that does not exist as empty).
        $userHome = Join-Path $TestDrive 'home'
        $script:userEnvironment = @{
            HOME            = $userHome
            XDG_DATA_HOME   = Join-Path $userHome '.local/share'
            XDG_CONFIG_HOME = Join-Path $userHome '.config'
            XDG_CACHE_HOME  = Join-Path $userHome '.cache'
        }
        foreach ($folder in $script:userEnvironment.Values) { New-Item -ItemType Directory -Path $folder -Force | Out-Null }
        $repository = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'repository') -Force

        $install = @"
`$ErrorActionPreference = 'Stop'
`$name = 'OktaIntegrationPackagingTest'
Register-PSResourceRepository -Name `$name -Uri '$($repository.FullName -replace "'", "''")' -Trusted
try {
    Publish-PSResource -NupkgPath '$($script:package.FullName -replace "'", "''")' -Repository `$name
    `$found = Find-PSResource -Name OktaIntegration -Repository `$name
    `$installed = Install-PSResource -Name OktaIntegration -Repository `$name -Scope CurrentUser -TrustRepository -PassThru
}
finally {
    Unregister-PSResourceRepository -Name `$name
}
[pscustomobject]@{
    FoundVersion        = "`$(`$found.Version)"
    FoundProjectUri     = "`$(`$found.ProjectUri)"
    FoundLicenseUri     = "`$(`$found.LicenseUri)"
    FoundReleaseNotes   = "`$(`$found.ReleaseNotes)"
    InstalledVersion    = "`$(`$installed.Version)"
    InstalledLocation   = "`$(`$installed.InstalledLocation)"
    RepositoryStore     = [Environment]::GetFolderPath('LocalApplicationData')
    RepositoriesAfter   = @(Get-PSResourceRepository | ForEach-Object Name)
} | ConvertTo-Json -Compress
"@
        $output = Invoke-IsolatedPwsh -Environment $script:userEnvironment -Command $install
        $script:installResult = ($output | Select-Object -Last 1) | ConvertFrom-Json
        $script:installedModules = $script:installResult.InstalledLocation

        # A browser stand-in: Get-Help -Online starts xdg-open (Linux) or open (macOS) from PATH
        # with the URI; this one writes the URI to a file.
        $bin = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'bin') -Force
        $script:opened = Join-Path $TestDrive 'opened.txt'
        foreach ($opener in 'xdg-open', 'open') {
            $path = Join-Path $bin.FullName $opener
            Set-Content -LiteralPath $path -Value "#!/bin/sh`nprintf '%s\n' `"`$1`" >> '$script:opened'" -NoNewline
            & chmod +x $path
        }

        $use = @"
`$ErrorActionPreference = 'Stop'
Import-Module OktaIntegration
`$module = Get-Module OktaIntegration
`$secure = ConvertTo-SecureString -String '$($script:org.ApiToken)' -AsPlainText -Force
Connect-OktaTenant -OrgUrl '$($script:org.Url)' -ApiToken `$secure
`$groups = @(Get-OktaGroup)
`$admin = try { Connect-OktaTenant -OrgUrl 'https://acme-admin.okta.com' -ApiToken `$secure; '' } catch { `$_.FullyQualifiedErrorId }
Disconnect-OktaTenant
`$core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'OktaIntegration.Core' }
`$cmdlets = @(`$module.ExportedCmdlets.Keys | Sort-Object)
foreach (`$cmdlet in `$cmdlets) { Get-Help -Name `$cmdlet -Online }
# The openers run as separate processes; wait until each has written its line.
`$deadline = [DateTime]::UtcNow.AddSeconds(60)
while (@(Get-Content -LiteralPath '$script:opened' -ErrorAction SilentlyContinue).Count -lt `$cmdlets.Count -and [DateTime]::UtcNow -lt `$deadline) { Start-Sleep -Milliseconds 100 }
[pscustomobject]@{
    ModuleBase     = `$module.ModuleBase
    Version        = "`$(`$module.Version)"
    Cmdlets        = `$cmdlets
    HelpUris       = @(`$cmdlets | ForEach-Object { (Get-Command -Name `$_).HelpUri })
    Synopsis       = (Get-Help Connect-OktaTenant).Synopsis
    Groups         = `$groups.Count
    GroupType      = `$groups[0].GetType().FullName
    AdminHostError = `$admin
    CoreLocation   = `$core.Location
    CoreContext    = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$core).Name
} | ConvertTo-Json -Compress
"@
        $useEnvironment = $script:userEnvironment.Clone()
        $useEnvironment.PSModulePath = $script:installedModules
        $useEnvironment.PATH = $bin.FullName + [IO.Path]::PathSeparator + $env:PATH
        $output = Invoke-IsolatedPwsh -Environment $useEnvironment -Command $use
        $script:used = ($output | Select-Object -Last 1) | ConvertFrom-Json
        $script:openedUris = @(Get-Content -LiteralPath $script:opened -ErrorAction SilentlyContinue)
    }

    AfterAll {
        Stop-TestEmulator $script:org
    }

    It 'finds the published package in the local repository with its Gallery metadata' {
        $script:installResult.FoundVersion | Should -Be $script:built.ModuleVersion
        $script:installResult.FoundProjectUri | Should -Be $script:built.PrivateData.PSData.ProjectUri
        $script:installResult.FoundLicenseUri | Should -Be $script:built.PrivateData.PSData.LicenseUri
        ($script:installResult.FoundReleaseNotes -replace '\r\n', "`n") | Should -BeExactly (Get-ChangelogSection $script:built.ModuleVersion)
    }

    It 'installs into the CurrentUser scope under the redirected home, and leaves no repository registered' {
        $script:installResult.InstalledVersion | Should -Be $script:built.ModuleVersion
        $script:installResult.InstalledLocation | Should -BeLike "$($script:userEnvironment.HOME)*"
        $script:installResult.RepositoryStore | Should -BeLike "$($script:userEnvironment.HOME)*"
        $script:installResult.RepositoriesAfter | Should -Not -Contain 'OktaIntegrationPackagingTest'
        Join-Path $script:installedModules "OktaIntegration/$($script:built.ModuleVersion)/OktaIntegration.psd1" | Should -Exist
    }

    It 'imports by name from the installed copy and exports every cmdlet' {
        $script:used.ModuleBase | Should -Be (Join-Path $script:installedModules "OktaIntegration/$($script:built.ModuleVersion)")
        $script:used.Version | Should -Be $script:built.ModuleVersion
        @($script:used.Cmdlets) | Should -Be @($script:built.CmdletsToExport | Sort-Object)
        $script:used.Synopsis | Should -Not -BeNullOrEmpty
    }

    It 'runs cmdlets: Core loads from the installed copy into the private load context' {
        $script:used.Groups | Should -BeGreaterThan 0
        $script:used.GroupType | Should -Be 'OktaIntegration.Core.Groups.OktaGroup'
        $script:used.AdminHostError | Should -BeLike 'OktaInvalidOrgUrl,*'
        $script:used.CoreLocation | Should -Be (Join-Path $script:used.ModuleBase 'dependencies/core/OktaIntegration.Core.dll')
        $script:used.CoreContext | Should -Be 'OktaIntegration'
    }

    It 'opens each cmdlet''s page under docs/cmdlets with Get-Help -Online' {
        $expected = @($script:used.Cmdlets | ForEach-Object { "$($script:built.PrivateData.PSData.ProjectUri)/blob/main/docs/cmdlets/$_.md" })
        @($script:used.HelpUris) | Should -Be $expected
        @($script:openedUris | Sort-Object) | Should -Be @($expected | Sort-Object)
        foreach ($name in $script:used.Cmdlets) { Join-Path $script:root "docs/cmdlets/$name.md" | Should -Exist }
    }
}
