#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    Connect-OktaTenant -SettingsPath: many orgs (an MSSP's tenants) from one settings file with no
    secrets in it, against three emulator processes; then Export-OktaSystemLog over the connections
    with a cursor per org. The vault source is proven with a Get-Secret function defined here: the
    real Microsoft.PowerShell.SecretManagement module is not installed on the test machine.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OktaTestModule
    $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ("okta-settings-pester-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:work | Out-Null

    # bravo signs in with private_key_jwt; its key is made now and kept only in the test's "vault".
    $rsa = [System.Security.Cryptography.RSA]::Create(2048)
    $script:bravoKeyPem = $rsa.ExportPkcs8PrivateKeyPem()
    $publicKeyPath = Join-Path $script:work 'bravo.pub.pem'
    Set-Content -LiteralPath $publicKeyPath -Value $rsa.ExportSubjectPublicKeyInfoPem()

    $script:alpha = Start-TestEmulator -Events 120
    $script:bravo = Start-TestEmulator -Events 80 -ArgumentList '--seed', '7', '--client-id', '0oaBravo', '--public-key', $publicKeyPath, '--scopes', 'okta.logs.read'
    $script:charlie = Start-TestEmulator -Events 60 -ArgumentList '--seed', '9', '--client-id', '0oaCharlie', '--client-secret', 'charlie-secret-never-set'
    $script:since = [DateTimeOffset]::UtcNow.AddDays(-31)

    function script:New-SettingsFile([string] $Name, [string] $Json) {
        $path = Join-Path $script:work $Name
        Set-Content -LiteralPath $path -Value $Json
        $path
    }

    function script:Get-TruthUuids($Emulator) {
        $until = [DateTimeOffset]::UtcNow.AddMinutes(1).ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [cultureinfo]::InvariantCulture)
        $from = $script:since.ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [cultureinfo]::InvariantCulture)
        @(Invoke-TestEmulatorApi -Emulator $Emulator -Path "/api/v1/logs?since=$from&until=$until&limit=1000" | ForEach-Object { $_.uuid })
    }

    $script:settingsPath = New-SettingsFile 'orgs.json' @"
{
  "schemaVersion": 1,
  "orgs": [
    { "name": "alpha", "orgUrl": "$($script:alpha.Url.TrimEnd('/'))", "auth": "api_token",
      "credential": { "env": "OKTA_PESTER_ALPHA_TOKEN" } },
    { "name": "bravo", "orgUrl": "$($script:bravo.Url.TrimEnd('/'))", "auth": "private_key_jwt", "clientId": "0oaBravo",
      "scopes": ["okta.logs.read"], "credential": { "vault": "PesterVault", "secretName": "bravo-key" } },
    { "name": "charlie", "orgUrl": "$($script:charlie.Url.TrimEnd('/'))", "auth": "client_secret", "clientId": "0oaCharlie",
      "scopes": ["okta.logs.read"], "credential": { "env": "OKTA_PESTER_CHARLIE_SECRET_NOT_SET" } }
  ]
}
"@
}

AfterAll {
    Remove-Item Env:\OKTA_PESTER_ALPHA_TOKEN -ErrorAction SilentlyContinue
    Get-OktaConnection -All | Disconnect-OktaTenant -ErrorAction SilentlyContinue
    $script:alpha, $script:bravo, $script:charlie | Stop-TestEmulator
    Remove-Item -LiteralPath $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Connect-OktaTenant -SettingsPath' {
    It 'connects the orgs whose secrets are found, reports the one whose variable is missing, and exports both with a cursor each' {
        function Get-Secret([string] $Vault, [string] $Name) {
            # Stands in for Microsoft.PowerShell.SecretManagement's Get-Secret (not installable here).
            if ($Vault -eq 'PesterVault' -and $Name -eq 'bravo-key') { return (ConvertTo-SecureString $script:bravoKeyPem -AsPlainText -Force) }
            throw "The secret $Name was not found in vault $Vault."
        }
        $env:OKTA_PESTER_ALPHA_TOKEN = $script:alpha.ApiToken
        Connect-OktaTenant -OrgUrl $script:alpha.Url -ApiToken $script:alpha.SecureApiToken -InformationAction Ignore
        $default = Get-OktaConnection

        $verbose = Join-Path $script:work 'verbose.txt'
        $connections = @(Connect-OktaTenant -SettingsPath $script:settingsPath -ErrorVariable failures -ErrorAction SilentlyContinue -Verbose 4> $verbose)

        $connections.Count | Should -Be 2
        $connections.OrgUrl | Should -Be @($script:alpha.Url.TrimEnd('/'), $script:bravo.Url.TrimEnd('/'))
        $connections[1].AuthenticationType | Should -Be 'PrivateKeyJwt'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'OktaMissingCredential,OktaIntegration.Commands.ConnectOktaTenantCommand'
        $failures[0].TargetObject | Should -Be 'charlie'
        "$($failures[0])" | Should -Match "Org 'charlie'.*OKTA_PESTER_CHARLIE_SECRET_NOT_SET"
        (Get-OktaConnection).OrgUrl | Should -Be $default.OrgUrl -Because 'the settings file does not change the default connection'
        $shown = (Get-Content -LiteralPath $verbose -Raw) + ($connections | Format-List * | Out-String) + "$connections"
        $shown | Should -Not -Match ([regex]::Escape($script:alpha.ApiToken))
        $shown | Should -Not -Match 'PRIVATE KEY'

        $out = Join-Path $script:work 'ndjson'
        $cursors = Join-Path $script:work 'cursors'
        New-Item -ItemType Directory -Path $out, $cursors | Out-Null
        $files = New-OktaFileDestination -Path $out
        $summaries = @(Export-OktaSystemLog -Connection $connections -CursorDirectory $cursors -Destination $files -Since $script:since)
        $summaries.Succeeded | Should -Be @($true, $true)
        $summaries.OrgName | Should -Be @('alpha', 'bravo') -Because 'an export names each org as the settings file does'
        $summaries.Org | Should -Be $connections.OrgUrl
        ($summaries | Format-Table | Out-String) | Should -Match '(?m)^alpha\s+\d+'
        "$($connections[0])" | Should -Match '^alpha: '
        $truth = @(Get-TruthUuids $script:alpha) + @(Get-TruthUuids $script:bravo)
        $delivered = @(Get-ChildItem -LiteralPath $out -Filter *.ndjson | Get-Content | ForEach-Object { ($_ | ConvertFrom-Json).uuid })
        $delivered.Count | Should -Be $truth.Count
        @(Compare-Object $truth $delivered).Count | Should -Be 0
        @(Get-ChildItem -LiteralPath $cursors -Filter *.cursor).Count | Should -Be 2
    }

    It 'connects only the orgs named with -Name, and reports a name the file does not have' {
        $env:OKTA_PESTER_ALPHA_TOKEN = $script:alpha.ApiToken
        $connections = @(Connect-OktaTenant -SettingsPath $script:settingsPath -Name 'al*', 'delta' -ErrorVariable failures -ErrorAction SilentlyContinue)
        $connections.Count | Should -Be 1
        $connections[0].OrgUrl | Should -Be $script:alpha.Url.TrimEnd('/')
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'OktaOrgNotInSettings,OktaIntegration.Commands.ConnectOktaTenantCommand'
        $connections | Disconnect-OktaTenant
    }

    It 'names the SecretManagement module when Get-Secret is missing' {
        Get-Command Get-Secret -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $null = Connect-OktaTenant -SettingsPath $script:settingsPath -Name bravo -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'OktaSecretManagementMissing,OktaIntegration.Commands.ConnectOktaTenantCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'NotInstalled'
        $failures[0].TargetObject | Should -Be 'bravo'
        "$($failures[0])" | Should -Match 'Microsoft.PowerShell.SecretManagement'
    }

    It 'refuses a file with a literal secret, saying where it is and never showing it' {
        $path = New-SettingsFile 'secret.json' @'
{
  "schemaVersion": 1,
  "orgs": [
    { "name": "alpha", "orgUrl": "https://alpha.okta.com", "auth": "api_token",
      "apiToken": "00literal-token-in-file", "credential": { "env": "X" } }
  ]
}
'@
        $failure = { Connect-OktaTenant -SettingsPath $path } | Should -Throw -ErrorId 'OktaSettingsLiteralSecret,OktaIntegration.Commands.ConnectOktaTenantCommand' -PassThru
        "$failure" | Should -Match 'orgs\[0\]\.apiToken \(line 5\)'
        "$failure" | Should -Match 'vault'
        "$failure" | Should -Not -Match '00literal-token-in-file'
        $failure.CategoryInfo.Category | Should -Be 'SecurityError'
    }

    It 'refuses <Case> with <Id>' -ForEach @(
        @{ Case = 'an unknown field'; Id = 'OktaSettingsUnknownField'; Org = '{ "name": "a", "orgUrl": "https://a.okta.com", "auth": "api_token", "tenant": "x", "credential": { "env": "X" } }' }
        @{ Case = 'a duplicate org name'; Id = 'OktaSettingsDuplicateOrg'; Org = '{ "name": "a", "orgUrl": "https://a.okta.com", "auth": "api_token", "credential": { "env": "X" } }, { "name": "A", "orgUrl": "https://b.okta.com", "auth": "api_token", "credential": { "env": "Y" } }' }
        @{ Case = 'an http org URL'; Id = 'OktaSettingsInsecureOrgUrl'; Org = '{ "name": "a", "orgUrl": "http://a.okta.com", "auth": "api_token", "credential": { "env": "X" } }' }
        @{ Case = 'a missing credential'; Id = 'OktaSettingsInvalid'; Org = '{ "name": "a", "orgUrl": "https://a.okta.com", "auth": "api_token" }' }
    ) {
        $path = New-SettingsFile "$Id.json" "{ `"schemaVersion`": 1, `"orgs`": [ $Org ] }"
        { Connect-OktaTenant -SettingsPath $path } | Should -Throw -ErrorId "$Id,OktaIntegration.Commands.ConnectOktaTenantCommand"
    }
}
