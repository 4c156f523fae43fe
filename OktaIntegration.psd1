# The module manifest. The source of truth for exports; build.ps1 copies it into
# out/OktaIntegration/ and stamps ModuleVersion from Directory.Build.props (<ModuleVersion>) and
# ReleaseNotes from that version's section of CHANGELOG.md.
# The project home https://github.com/oktaintegration/OktaIntegration is the one in
# src/OktaIntegration/Infrastructure/HelpLinks.cs (ProjectHome); ManifestGalleryTests checks that
# every URI here starts with it.
# Never add RequiredAssemblies or NestedModules: they would load OktaIntegration.Core and
# Microsoft.IdentityModel.* into the shared load context before our isolation loader runs.
@{
    RootModule           = 'OktaIntegration.dll'
    ModuleVersion        = '0.0.0'
    GUID                 = '5d3c9a1e-7b52-4f0e-9f3b-1c6d2e8a4b70'
    Author               = 'OktaIntegration contributors'
    CompanyName          = 'OktaIntegration'
    Copyright            = '(c) OktaIntegration contributors'
    Description          = 'Okta from PowerShell: loss-free System Log ingestion for SIEM forwarding, groups and members, group-driven role sync, and identity response actions (end sessions, suspend users, block IP addresses). Compiled cmdlets; Okta''s Microsoft.IdentityModel dependencies are isolated so it loads next to Az, Microsoft.Graph and ExchangeOnlineManagement.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('OktaIntegration.format.ps1xml')
    # Where Update-Help would look for updatable help (HelpInfo.xml); the full help ships in en-US/.
    HelpInfoUri          = 'https://github.com/oktaintegration/OktaIntegration/releases/latest/download/'
    # Explicit, so command discovery never has to load the assembly. A test compares this list
    # with the cmdlet classes in OktaIntegration.dll (both directions).
    CmdletsToExport      = @(
        'Connect-OktaTenant'
        'Disconnect-OktaTenant'
        'Get-OktaConnection'
        'Get-OktaSystemLog'
        'Get-OktaGroup'
        'Get-OktaGroupMember'
        'Sync-OktaGroupRole'
        'Revoke-OktaUserSession'
        'Suspend-OktaUser'
        'Resume-OktaUser'
        'Block-OktaIpAddress'
        'Unblock-OktaIpAddress'
        'Get-OktaUser'
        'Get-OktaUserFactor'
        'Get-OktaAdminAssignment'
        'Get-OktaApiToken'
        'Get-OktaThreatInsight'
        'Set-OktaThreatInsight'
        'Test-OktaPosture'
        'Find-OktaThreat'
        'Invoke-OktaRestMethod'
        'ConvertTo-OktaSiemEvent'
        'Export-OktaSystemLog'
        'New-OktaFileDestination'
        'New-OktaSplunkDestination'
        'New-OktaElasticDestination'
        'New-OktaSentinelDestination'
        'New-OktaSyslogDestination'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Okta', 'SystemLog', 'SIEM', 'Identity', 'Security', 'IncidentResponse', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/oktaintegration/OktaIntegration'
            LicenseUri   = 'https://github.com/oktaintegration/OktaIntegration/blob/main/LICENSE'
            # Replaced at build time with this version's section of CHANGELOG.md.
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
