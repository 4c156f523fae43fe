<#
.SYNOPSIS
    Packs a built OktaIntegration module folder into a .nupkg with PSResourceGet.

.DESCRIPTION
    build.ps1 -Task Package calls this on out/OktaIntegration; tests/Packaging.Tests.ps1 calls it
    too and installs the result from a local repository, so what is tested is what ships.
    Compress-PSResource (Microsoft.PowerShell.PSResourceGet 1.1+, in PowerShell 7.4 and later)
    writes the nuspec from the manifest, as Publish-PSResource does for the PowerShell Gallery:
    id, version, authors, description, release notes, project and license URLs, tags. No network,
    no registered repository. Returns the .nupkg as a FileInfo.

.EXAMPLE
    ./tools/New-ModulePackage.ps1 -ModulePath ./out/OktaIntegration -DestinationPath ./out
#>
[CmdletBinding()]
[OutputType([System.IO.FileInfo])]
param(
    # The built module folder (holding OktaIntegration.psd1).
    [Parameter(Mandatory)] [string] $ModulePath,
    # The folder to write OktaIntegration.<version>.nupkg into; created when missing.
    [Parameter(Mandatory)] [string] $DestinationPath
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$modulePath = (Resolve-Path -LiteralPath $ModulePath).Path
$manifestPath = Join-Path $modulePath 'OktaIntegration.psd1'
if (-not (Test-Path -LiteralPath $manifestPath -PathType Leaf)) {
    throw "$manifestPath is missing: build the module first (dotnet pwsh ./build.ps1)."
}
if (-not (Get-Command Compress-PSResource -ErrorAction SilentlyContinue)) {
    throw "Compress-PSResource is missing: run this in PowerShell 7.4 or later (dotnet tool restore; dotnet pwsh ...), which ships Microsoft.PowerShell.PSResourceGet."
}

# The checks the Gallery makes on upload, made here so a bad manifest fails the build instead.
$manifest = Test-ModuleManifest -Path $manifestPath
$data = Import-PowerShellDataFile -LiteralPath $manifestPath
foreach ($key in 'ProjectUri', 'LicenseUri', 'ReleaseNotes', 'Tags') {
    if (-not $data.PrivateData.PSData[$key]) { throw "The manifest's PrivateData.PSData has no $key; the Gallery page needs it." }
}

New-Item -ItemType Directory -Path $DestinationPath -Force | Out-Null
$destination = (Resolve-Path -LiteralPath $DestinationPath).Path
$package = Join-Path $destination "OktaIntegration.$($manifest.Version).nupkg"
# Compress-PSResource refuses to overwrite; a rebuild replaces the package of the same version.
if (Test-Path -LiteralPath $package) { Remove-Item -LiteralPath $package -Force }
Compress-PSResource -Path $modulePath -DestinationPath $destination
if (-not (Test-Path -LiteralPath $package -PathType Leaf)) { throw "Compress-PSResource did not write $package." }
Get-Item -LiteralPath $package
