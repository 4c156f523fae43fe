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
      Package  Build, then out/OktaIntegration.<version>.nupkg made by PSResourceGet
               (Compress-PSResource, tools/New-ModulePackage.ps1) with the Gallery metadata of
               the manifest; publish it with Publish-PSResource -NupkgPath.
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
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test -SkipDotnetTest -TestPath tests/SystemLog.Tests.ps1
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Test: skip `dotnet test` (for CI, which has already run it) and run only the Pester suite.
    [switch] $SkipDotnetTest,

    # Test: run only these Pester files (comma-separated; default: every tests/*.Tests.ps1), for working on one area.
    [string[]] $TestPath
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

function Get-ReleaseNotes([string] $Version) {
    # The text of $Version's section in CHANGELOG.md: the lines under its "## [x.y.z]" heading, up
    # to the next "## " heading, without the link definitions ("[x]: https://...") at the end.
    $changelog = Join-Path $Root 'CHANGELOG.md'
    $text = Get-Content -LiteralPath $changelog -Raw
    $heading = '(?m)^##\s+\[' + [regex]::Escape($Version) + '\][^\r\n]*\r?\n'
    $match = [regex]::Match($text, $heading)
    if (-not $match.Success) {
        throw "CHANGELOG.md has no section for version $Version (a '## [$Version] - date' heading); add one, or rename [Unreleased] when releasing."
    }
    $rest = $text.Substring($match.Index + $match.Length)
    $next = [regex]::Match($rest, '(?m)^##\s')
    if ($next.Success) { $rest = $rest.Substring(0, $next.Index) }
    $notes = (($rest -split '\r?\n') | Where-Object { $_ -notmatch '^\[[^\]]+\]:\s' }) -join "`n"
    $notes = $notes.Trim()
    if (-not $notes) { throw "The section for version $Version in CHANGELOG.md is empty." }
    $notes
}

function Write-Manifest([string] $Version, [string] $Destination) {
    # Copies the source manifest, stamping ModuleVersion, and ReleaseNotes from CHANGELOG.md;
    # everything else stays as written.
    $text = Get-Content -LiteralPath (Join-Path $Root 'OktaIntegration.psd1') -Raw
    $stamps = [ordered]@{
        ModuleVersion = $Version
        ReleaseNotes  = Get-ReleaseNotes -Version $Version
    }
    foreach ($key in $stamps.Keys) {
        $pattern = "(?m)^(\s*$key\s*=\s*)'[^']*'"
        if ($text -notmatch $pattern) { throw "OktaIntegration.psd1 has no single-quoted $key line to stamp." }
        # A single-quoted string, as in the source: only quotes need escaping, by doubling, and
        # PowerShell counts the typographic single quotes as quotes too. An evaluator below, so a
        # '$' in the notes is never read as a substitution.
        $quoted = "'" + ($stamps[$key] -replace "['\u2018\u2019\u201A\u201B]", '$0$0') + "'"
        $text = [regex]::Replace($text, $pattern, { param($m) $m.Groups[1].Value + $quoted }.GetNewClosure(), 'None')
    }
    Set-Content -LiteralPath $Destination -Value $text -Encoding utf8 -NoNewline
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

    $pesterPaths = @(if ($TestPath) { $TestPath -split ',' | ForEach-Object { (Resolve-Path -LiteralPath $_.Trim()).Path } } else { Join-Path $Root 'tests' }) |
        ForEach-Object { "'" + ($_ -replace "'", "''") + "'" }
    Write-Step "Pester from $pester in a fresh PowerShell $($PSVersionTable.PSVersion) importing out/OktaIntegration"
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module -Name '$($pester -replace "'", "''")'
`$config = New-PesterConfiguration
`$config.Run.Path = @($($pesterPaths -join ', '))
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
        '--urls', 'http://127.0.0.1:0', '--api-token', $ApiToken, '--events', '0', '--scenarios', 'attacks') {
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

        Invoke-DemoStep 'Export-OktaSystemLog: the last 30 days to NDJSON files in ECS, then a second run with only what is new' 'Export-OktaSystemLog' {
            $siemOut = Join-Path $demoOut 'siem'
            Remove-Item -LiteralPath $siemOut -Recurse -Force -ErrorAction SilentlyContinue
            New-Item -ItemType Directory -Path $siemOut | Out-Null
            $files = New-OktaFileDestination -Path $siemOut
            $cursor = Join-Path $siemOut 'okta.cursor'
            $since = [DateTimeOffset]::UtcNow.AddDays(-30)
            $first = Export-OktaSystemLog -Destination $files -Schema Ecs -CursorPath $cursor -Since $since
            $second = Export-OktaSystemLog -Destination $files -Schema Ecs -CursorPath $cursor -Since $since
            Write-Host "   Each page's cursor is saved only after its lines are flushed to disk; the second run resumes from the cursor:"
            @($first, $second) | Show-Table
            Write-Host "   $(@(Get-ChildItem -LiteralPath $siemOut -Filter *.ndjson | Get-Content).Count) ECS lines in $siemOut"
        }

        Invoke-DemoStep 'Find-OktaThreat: the detections over the last 30 days (the emulator planted attacks)' 'Find-OktaThreat' {
            $findings = @(Find-OktaThreat -Since ([DateTimeOffset]::UtcNow.AddDays(-30)) -Until ([DateTimeOffset]::UtcNow))
            Write-Host "   $($findings.Count) findings; the ten most severe:"
            $findings | Sort-Object Severity -Descending | Select-Object -First 10 | Show-Table
        }

        Invoke-DemoStep 'Test-OktaPosture: the identity posture audit' 'Test-OktaPosture' {
            Test-OktaPosture | Select-Object -First 10 | Show-Table
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
    # The Gallery's own packaging: PSResourceGet (in PowerShell 7.4+) makes the .nupkg from the
    # built module folder and its manifest (tools/New-ModulePackage.ps1, also used by
    # tests/Packaging.Tests.ps1, which installs the package from a local repository).
    Invoke-Build
    Write-Step "Packaging $ModuleOut with PSResourceGet"
    $package = & (Join-Path $Root 'tools/New-ModulePackage.ps1') -ModulePath $ModuleOut -DestinationPath $OutRoot
    Write-Step "Packaged $($package.FullName)"
    Write-Host '   Publish it: Publish-PSResource -NupkgPath <file> -Repository <name> (or copy it into a file repository folder)'
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
