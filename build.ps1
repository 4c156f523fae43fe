<#
.SYNOPSIS
    Builds, tests, demonstrates and packages the OktaIntegration module.

.DESCRIPTION
    Needs only the .NET SDK (see global.json): run it with the pinned PowerShell tool
    (`dotnet tool restore`, then `dotnet pwsh ./build.ps1`). The Test task restores the pinned
    Pester from NuGet (tools/TestTools/TestTools.csproj) into .tools/ and imports it by path.

      Build    (default) assembles out/OktaIntegration/, importable in Windows PowerShell 5.1
               and PowerShell 7.4+, with the version from Directory.Build.props stamped in.
      Test     Build, then `dotnet test OktaIntegration.sln`, then the Pester suite (tests/*.Tests.ps1)
               in a fresh pwsh that imports out/OktaIntegration/.
      Demo     Build, start the emulator on loopback, connect, and walk through the main jobs.
      Package  Build, then out/OktaIntegration.<version>.nupkg for a PowerShell repository
               (Publish-PSResource -NupkgPath / Install-PSResource from a local repository).
      Clean    Remove out/ and the projects' bin/ and obj/ folders.

    Module layout (see docs/module-layout.md):
      out/OktaIntegration/OktaIntegration.psd1, OktaIntegration.dll (cmdlets, netstandard2.0),
        OktaIntegration.format.ps1xml, en-US/ (MAML help, about_OktaIntegration),
        dependencies/core/    net8.0 OktaIntegration.Core + Microsoft.IdentityModel.* + the isolation loader
        dependencies/desktop/ netstandard2.0 OktaIntegration.Core + its dependencies, for Windows PowerShell 5.1

.EXAMPLE
    dotnet pwsh ./build.ps1
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Demo
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test -Configuration Debug
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Test: skip `dotnet test` (for CI, which has already run it) and run only the Pester suite.
    [switch] $SkipDotnetTest
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

$Root = $PSScriptRoot
$OutRoot = Join-Path $Root 'out'
$ModuleOut = Join-Path $OutRoot 'OktaIntegration'

function Write-Step([string] $Message) {
    Write-Host "==> $Message" -ForegroundColor Cyan
}

function Invoke-Dotnet {
    # Runs dotnet with the given arguments (a simple function: $args passes -o, -c, -f through
    # untouched) and stops the build when it fails.
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Get-ModuleVersion {
    # The one version source: <ModuleVersion> in Directory.Build.props.
    [xml] $props = Get-Content -LiteralPath (Join-Path $Root 'Directory.Build.props') -Raw
    $version = @($props.Project.PropertyGroup | ForEach-Object { $_.ModuleVersion } | Where-Object { $_ })[0]
    if (-not $version) { throw 'Directory.Build.props has no <ModuleVersion>.' }
    [version] $version | Out-Null
    $version
}

function Write-Manifest([string] $Version, [string] $Destination) {
    # Copies the source manifest, stamping ModuleVersion; everything else stays as written.
    $text = Get-Content -LiteralPath (Join-Path $Root 'OktaIntegration.psd1') -Raw
    $pattern = "(?m)^(\s*ModuleVersion\s*=\s*)'[^']*'"
    if ($text -notmatch $pattern) { throw 'OktaIntegration.psd1 has no ModuleVersion line to stamp.' }
    $stamped = [regex]::Replace($text, $pattern, "`${1}'$Version'")
    Set-Content -LiteralPath $Destination -Value $stamped -Encoding utf8 -NoNewline
}

function Write-FormatFile([string] $Destination) {
    # One format file for the manifest, combined from src/OktaIntegration/Formats/*.format.ps1xml
    # (one per area), so a new area's views are picked up without touching the manifest.
    $combined = [xml] '<?xml version="1.0" encoding="utf-8"?><Configuration><ViewDefinitions /></Configuration>'
    $target = $combined.Configuration.SelectSingleNode('ViewDefinitions')
    $sources = Get-ChildItem -LiteralPath (Join-Path $Root 'src/OktaIntegration/Formats') -Filter '*.format.ps1xml' | Sort-Object Name
    foreach ($source in $sources) {
        [xml] $part = Get-Content -LiteralPath $source.FullName -Raw
        foreach ($view in $part.Configuration.ViewDefinitions.SelectNodes('View')) {
            $target.AppendChild($combined.ImportNode($view, $true)) | Out-Null
        }
    }
    $combined.Save($Destination)
}

function Invoke-Build {
    $version = Get-ModuleVersion
    Write-Step "Building OktaIntegration $version ($Configuration) into $ModuleOut"
    $staging = Join-Path $OutRoot 'staging'
    foreach ($path in $ModuleOut, $staging) {
        if (Test-Path -LiteralPath $path) { Remove-Item -LiteralPath $path -Recurse -Force }
    }
    $coreDeps = Join-Path $ModuleOut 'dependencies/core'
    $desktopDeps = Join-Path $ModuleOut 'dependencies/desktop'

    # The cmdlets assembly alone goes to the root: Core must NOT be next to it, or PowerShell's
    # default probing would load Core (and Microsoft.IdentityModel.*) into the shared context.
    Invoke-Dotnet publish (Join-Path $Root 'src/OktaIntegration/OktaIntegration.csproj') -c $Configuration -o $staging --nologo --verbosity quiet
    New-Item -ItemType Directory -Path $ModuleOut -Force | Out-Null
    foreach ($file in 'OktaIntegration.dll', 'OktaIntegration.pdb') {
        $source = Join-Path $staging $file
        if (Test-Path -LiteralPath $source) { Copy-Item -LiteralPath $source -Destination $ModuleOut }
    }
    Remove-Item -LiteralPath $staging -Recurse -Force

    # PowerShell 7: net8.0 Core with its dependencies, and the AssemblyLoadContext loader.
    Invoke-Dotnet publish (Join-Path $Root 'src/OktaIntegration.Core/OktaIntegration.Core.csproj') -f net8.0 -c $Configuration -o $coreDeps --nologo --verbosity quiet
    Invoke-Dotnet publish (Join-Path $Root 'src/OktaIntegration.Isolation/OktaIntegration.Isolation.csproj') -c $Configuration -o $coreDeps --nologo --verbosity quiet
    # Windows PowerShell 5.1: netstandard2.0 Core with System.Text.Json and the rest of what
    # .NET Framework lacks.
    Invoke-Dotnet publish (Join-Path $Root 'src/OktaIntegration.Core/OktaIntegration.Core.csproj') -f netstandard2.0 -c $Configuration -o $desktopDeps --nologo --verbosity quiet
    Get-ChildItem -LiteralPath $coreDeps, $desktopDeps -Filter '*.deps.json' | Remove-Item -Force

    Write-Manifest -Version $version -Destination (Join-Path $ModuleOut 'OktaIntegration.psd1')
    Write-FormatFile -Destination (Join-Path $ModuleOut 'OktaIntegration.format.ps1xml')

    # Help: MAML generated from docs/cmdlets/*.md and the cmdlet classes; about topic as written.
    $helpOut = Join-Path $ModuleOut 'en-US'
    New-Item -ItemType Directory -Path $helpOut -Force | Out-Null
    $helpBuilder = Join-Path $OutRoot 'tools/helpbuilder'
    Invoke-Dotnet build (Join-Path $Root 'tools/OktaIntegration.HelpBuilder/OktaIntegration.HelpBuilder.csproj') -c $Configuration -o $helpBuilder --nologo --verbosity quiet
    Invoke-Dotnet (Join-Path $helpBuilder 'OktaIntegration.HelpBuilder.dll') --docs (Join-Path $Root 'docs') --output (Join-Path $helpOut 'OktaIntegration.dll-Help.xml')
    Copy-Item -LiteralPath (Join-Path $Root 'docs/about_OktaIntegration.help.txt') -Destination $helpOut

    Write-Step "Built $(Join-Path $ModuleOut 'OktaIntegration.psd1')"
}

function Get-PwshCommand {
    # How to start a fresh PowerShell of the same version as the one running this script. Under the
    # pinned .NET tool (`dotnet pwsh`) the process is dotnet, so the process path says nothing: the
    # PowerShell home does. A native install has the pwsh executable there; the .NET tool package
    # has pwsh.dll, which dotnet runs. Returns the command and its leading arguments as an array.
    $native = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
    if (Test-Path -LiteralPath $native -PathType Leaf) { return , @($native) }
    $dll = Join-Path $PSHOME 'pwsh.dll'
    if (Test-Path -LiteralPath $dll -PathType Leaf) { return , @('dotnet', $dll) }
    throw "No pwsh executable or pwsh.dll under `$PSHOME ($PSHOME). Run this script with 'dotnet tool restore' then 'dotnet pwsh ./build.ps1'."
}

function Invoke-Pwsh {
    # Runs a fresh pwsh (see Get-PwshCommand) with the given arguments.
    $command = Get-PwshCommand
    $rest = @($command | Select-Object -Skip 1)
    & $command[0] @rest @args
}

function Get-PesterModulePath {
    # The pinned Pester (tools/TestTools/TestTools.csproj), restored from NuGet into .tools/packages.
    [xml] $project = Get-Content -LiteralPath (Join-Path $Root 'tools/TestTools/TestTools.csproj') -Raw
    $version = ([string] $project.Project.ItemGroup.PackageDownload.Version).Trim('[', ']')
    $packages = Join-Path $Root '.tools/packages'
    $manifest = Join-Path $packages "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $manifest)) {
        Write-Step "Restoring Pester $version from NuGet into $packages"
        Invoke-Dotnet restore (Join-Path $Root 'tools/TestTools/TestTools.csproj') --packages $packages --nologo --verbosity quiet
        if (-not (Test-Path -LiteralPath $manifest)) { throw "Pester $version was restored but $manifest is missing." }
    }
    $manifest
}

function Invoke-Test {
    if ($PSVersionTable.PSEdition -ne 'Core') {
        throw 'The Test task runs in PowerShell 7: dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test'
    }
    Invoke-Build
    if (-not $SkipDotnetTest) {
        Write-Step 'dotnet test OktaIntegration.sln'
        Invoke-Dotnet test (Join-Path $Root 'OktaIntegration.sln') -c $Configuration
    }

    $pester = Get-PesterModulePath

    # The emulator is built once here; tests/TestHelpers.ps1 starts it per test file.
    Write-Step 'Building the emulator for the Pester suite'
    $emulatorOut = Join-Path $OutRoot 'emulator'
    Invoke-Dotnet build (Join-Path $Root 'src/OktaIntegration.Emulator/OktaIntegration.Emulator.csproj') -c $Configuration -o $emulatorOut --nologo --verbosity quiet
    $env:OKTAINTEGRATION_EMULATOR = Join-Path $emulatorOut 'OktaIntegration.Emulator.dll'
    # Tests that start a child PowerShell use the same one (tests/TestHelpers.ps1).
    $env:OKTAINTEGRATION_PESTER_MODULE = $pester

    Write-Step "Pester from $pester in a fresh PowerShell $($PSVersionTable.PSVersion) importing out/OktaIntegration"
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module -Name '$($pester -replace "'", "''")'
`$config = New-PesterConfiguration
`$config.Run.Path = '$((Join-Path $Root 'tests') -replace "'", "''")'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
`$result = Invoke-Pester -Configuration `$config
# One plain closing line that CI logs and people can read at a glance.
"Pester: `$(`$result.PassedCount) passed, `$(`$result.FailedCount + `$result.FailedBlocksCount + `$result.FailedContainersCount) failed, `$(`$result.SkippedCount) skipped"
exit [Math]::Min(`$result.FailedCount + `$result.FailedBlocksCount + `$result.FailedContainersCount, 255)
"@
    Invoke-Pwsh -NoProfile -NonInteractive -Command $script
    if ($LASTEXITCODE -ne 0) { throw "Pester reported failures (exit code $LASTEXITCODE)." }
}

function Start-DemoEmulator([string] $ApiToken) {
    # dotnet run, as a user would; the OS picks a free loopback port and the emulator prints it.
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in 'run', '--project', (Join-Path $Root 'src/OktaIntegration.Emulator'), '-c', $Configuration, '--',
        '--urls', 'http://127.0.0.1:0', '--api-token', $ApiToken, '--events', '2000') {
        $start.ArgumentList.Add($argument)
    }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $deadline = [DateTime]::UtcNow.AddMinutes(3)
    while ([DateTime]::UtcNow -lt $deadline) {
        $read = $process.StandardOutput.ReadLineAsync()
        while (-not $read.Wait(500)) {
            if ($process.HasExited -or [DateTime]::UtcNow -ge $deadline) { break }
        }
        if (-not $read.IsCompleted -or $null -eq $read.Result) { break }
        if ($read.Result -match 'Emulator listening on (\S+)') {
            return [pscustomobject]@{ Process = $process; Url = $Matches[1] }
        }
    }
    $errorText = if ($process.HasExited) { $process.StandardError.ReadToEnd() } else { 'no "Emulator listening on" line within 3 minutes' }
    Stop-DemoEmulator $process
    throw "The emulator did not start: $errorText"
}

function Stop-DemoEmulator([System.Diagnostics.Process] $Process) {
    if ($null -eq $Process) { return }
    if (-not $Process.HasExited) {
        # dotnet run starts the emulator as a child: end the whole tree.
        if ($PSVersionTable.PSEdition -eq 'Core') { $Process.Kill($true) } else { $Process.Kill() }
        $Process.WaitForExit(10000) | Out-Null
    }
    $Process.Dispose()
}

function Show-Table {
    # Tables at a readable width even when output is redirected (a console would be 80 wide).
    $input | Format-Table | Out-String -Width 160 | Write-Host
}

function Invoke-DemoStep([string] $Title, [string] $Command, [scriptblock] $Body) {
    # Runs one walkthrough step, or says why it was skipped (its cmdlet is not in this build).
    Write-Host ''
    Write-Step $Title
    if ($Command -and -not (Get-Command -Name $Command -Module OktaIntegration -ErrorAction SilentlyContinue)) {
        Write-Host "   skipped: $Command is not in this build of the module." -ForegroundColor Yellow
        return
    }
    & $Body
}

function Invoke-Demo {
    Invoke-Build
    $demoOut = Join-Path $OutRoot 'demo'
    New-Item -ItemType Directory -Path $demoOut -Force | Out-Null
    $token = '00demo' + [guid]::NewGuid().ToString('N')
    Write-Step 'Starting the emulator (dotnet run --project src/OktaIntegration.Emulator)'
    $emulator = Start-DemoEmulator -ApiToken $token
    try {
        Write-Host "   emulated org: $($emulator.Url)"
        $manifest = Join-Path $ModuleOut 'OktaIntegration.psd1'
        # Measured in a fresh process, as a user's session would import it.
        $milliseconds = Invoke-Pwsh -NoProfile -NonInteractive -Command "[int](Measure-Command { Import-Module '$($manifest -replace "'", "''")' }).TotalMilliseconds"
        Write-Host "   Import-Module in a fresh pwsh: $milliseconds ms"
        Import-Module $manifest -Force

        Invoke-DemoStep 'Connect-OktaTenant with an SSWS API token' 'Connect-OktaTenant' {
            $secure = ConvertTo-SecureString -String $token -AsPlainText -Force
            Connect-OktaTenant -OrgUrl $emulator.Url -ApiToken $secure -PassThru | Show-Table
        }

        Invoke-DemoStep 'Get-OktaSystemLog: the last 7 days, exported to CSV' 'Get-OktaSystemLog' {
            $csv = Join-Path $demoOut 'systemlog.csv'
            $events = @(Get-OktaSystemLog -Since ([DateTimeOffset]::UtcNow.AddDays(-7)) -Until ([DateTimeOffset]::UtcNow))
            $events | Export-Csv -LiteralPath $csv -NoTypeInformation
            Write-Host "   $($events.Count) events written to $csv; the first five:"
            $events | Select-Object -First 5 | Show-Table
        }

        Invoke-DemoStep 'Get-OktaGroup: the groups of the org' 'Get-OktaGroup' {
            Get-OktaGroup | Show-Table
        }

        Invoke-DemoStep 'Sync-OktaGroupRole -WhatIf: the plan for a downstream role store' 'Sync-OktaGroupRole' {
            $mapping = @{ 'TL-Admins' = 'Administrator'; 'TL-Helpdesk' = 'Helpdesk', 'Read Only'; 'TL-ReadOnly' = 'Read Only' }
            $plan = @(Sync-OktaGroupRole -Mapping $mapping -StatePath (Join-Path $demoOut 'roles.json') -WhatIf)
            Write-Host "   $($plan.Count) changes planned; nothing was changed. The first ten:"
            $plan | Select-Object -First 10 | Show-Table
        }

        Invoke-DemoStep 'Revoke-OktaUserSession -WhatIf for the members of TL-Admins' 'Revoke-OktaUserSession' {
            if (Get-Command Get-OktaGroupMember -Module OktaIntegration -ErrorAction SilentlyContinue) {
                Get-OktaGroup -Name 'TL-Admins' | Get-OktaGroupMember | Revoke-OktaUserSession -WhatIf
            }
            else {
                Revoke-OktaUserSession -UserId 'ada.lovelace@example.com' -WhatIf
            }
        }
    }
    finally {
        if (Get-Command Disconnect-OktaTenant -ErrorAction SilentlyContinue) { Disconnect-OktaTenant }
        Stop-DemoEmulator $emulator.Process
        Write-Step 'Emulator stopped'
    }
}

function Invoke-Package {
    Invoke-Build
    $version = Get-ModuleVersion
    $package = Join-Path $OutRoot "OktaIntegration.$version.nupkg"
    Write-Step "Packaging $package"
    $manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $ModuleOut 'OktaIntegration.psd1')
    $tags = @($manifest.PrivateData.PSData.Tags) + 'PSModule' + ($manifest.CmdletsToExport | ForEach-Object { "PSCmdlet_$_"; "PSCommand_$_" }) + 'PSIncludes_Cmdlet'
    $escape = { param($text) [System.Security.SecurityElement]::Escape([string] $text) }
    $nuspec = @"
<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd">
  <metadata>
    <id>OktaIntegration</id>
    <version>$version</version>
    <authors>$(& $escape $manifest.Author)</authors>
    <owners>$(& $escape $manifest.CompanyName)</owners>
    <requireLicenseAcceptance>false</requireLicenseAcceptance>
    <description>$(& $escape $manifest.Description)</description>
    <copyright>$(& $escape $manifest.Copyright)</copyright>
    <tags>$(& $escape ($tags -join ' '))</tags>
  </metadata>
</package>
"@
    $contentTypes = @'
<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="nuspec" ContentType="application/octet" />
  <Default Extension="psd1" ContentType="application/octet" />
  <Default Extension="dll" ContentType="application/octet" />
  <Default Extension="pdb" ContentType="application/octet" />
  <Default Extension="ps1xml" ContentType="application/octet" />
  <Default Extension="xml" ContentType="application/octet" />
  <Default Extension="txt" ContentType="application/octet" />
  <Default Extension="json" ContentType="application/octet" />
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />
</Types>
'@
    $rels = @'
<?xml version="1.0" encoding="utf-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Type="http://schemas.microsoft.com/packaging/2010/07/manifest" Target="/OktaIntegration.nuspec" Id="R1" />
</Relationships>
'@
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
    $temporary = "$package.tmp"
    if (Test-Path -LiteralPath $temporary) { Remove-Item -LiteralPath $temporary -Force }
    $zip = [System.IO.Compression.ZipFile]::Open($temporary, [System.IO.Compression.ZipArchiveMode]::Create)
    try {
        $addText = {
            param($name, $text)
            $entry = $zip.CreateEntry($name)
            $writer = [System.IO.StreamWriter]::new($entry.Open(), [System.Text.UTF8Encoding]::new($false))
            try { $writer.Write($text) } finally { $writer.Dispose() }
        }
        & $addText 'OktaIntegration.nuspec' $nuspec
        & $addText '[Content_Types].xml' $contentTypes
        & $addText '_rels/.rels' $rels
        $rootLength = (Resolve-Path -LiteralPath $ModuleOut).Path.TrimEnd('/', '\').Length + 1
        foreach ($file in Get-ChildItem -LiteralPath $ModuleOut -Recurse -File) {
            $name = $file.FullName.Substring($rootLength) -replace '\\', '/'
            [System.IO.Compression.ZipFileExtensions]::CreateEntryFromFile($zip, $file.FullName, $name) | Out-Null
        }
    }
    finally {
        $zip.Dispose()
    }
    Move-Item -LiteralPath $temporary -Destination $package -Force
    Write-Step "Packaged $package (Publish-PSResource -NupkgPath, or copy it into a local PSResource repository folder)"
}

function Invoke-Clean {
    Write-Step 'Removing out/ and bin/ obj/ folders'
    if (Test-Path -LiteralPath $OutRoot) { Remove-Item -LiteralPath $OutRoot -Recurse -Force }
    foreach ($folder in 'src', 'tests', 'tools') {
        $path = Join-Path $Root $folder
        if (-not (Test-Path -LiteralPath $path)) { continue }
        Get-ChildItem -LiteralPath $path -Directory -Recurse |
            Where-Object { $_.Name -in 'bin', 'obj' -and (Test-Path -Path (Join-Path $_.Parent.FullName '*.csproj')) } |
            Remove-Item -Recurse -Force
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Package' { Invoke-Package }
    'Clean' { Invoke-Clean }
}
