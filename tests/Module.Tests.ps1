#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    The built module (out/OktaIntegration) as PowerShell users meet it: the manifest, help,
    binding, connecting against the emulator, Remove-Module, Export-Csv/ConvertTo-Json of every
    output type, and loading next to a module that ships another Microsoft.IdentityModel.
    Cmdlets and output types are discovered from the module, not listed here.
#>

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OktaTestModule
    $cmdlets = @(Get-Command -Module OktaIntegration -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
    $outputTypes = @(Get-Command -Module OktaIntegration -CommandType Cmdlet |
            ForEach-Object { $_.OutputType } | ForEach-Object { $_.Name } |
            # PSObject: Invoke-OktaRestMethod writes Okta's own JSON, whose shape is Okta's, and
            # ConvertTo-OktaSiemEvent writes schema documents, nested by definition (tested in Siem.Tests.ps1).
            Where-Object { $_ -and $_ -ne 'System.Void' -and $_ -ne 'System.String' -and $_ -ne 'System.Management.Automation.PSObject' -and $_ -ne 'OktaIntegration.Core.Connection.OktaConnection' } |
            Sort-Object -Unique | ForEach-Object { @{ TypeName = $_ } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OktaTestModule
    $script:root = Get-OktaTestRepositoryRoot
    $script:manifestPath = Get-OktaTestModulePath
    $script:org = Start-TestEmulator -Events 300

    function script:Get-CmdletClassName([string] $Name) {
        (Get-Command -Name $Name -Module OktaIntegration).ImplementingType.FullName
    }
}

AfterAll {
    if (Get-Module OktaIntegration) { Disconnect-OktaTenant }
    Stop-TestEmulator $script:org
}

Describe 'Manifest' {
    It 'is valid, for Desktop and Core editions from PowerShell 5.1' {
        $manifest = Test-ModuleManifest -Path $script:manifestPath
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be ([version] '5.1')
        $manifest.RootModule | Should -Be 'OktaIntegration.dll'
    }

    It 'loads no assembly or module before the isolation loader' {
        $data = Import-PowerShellDataFile -LiteralPath $script:manifestPath
        $data.Keys | Should -Not -Contain 'RequiredAssemblies'
        $data.Keys | Should -Not -Contain 'NestedModules'
        $data.Keys | Should -Not -Contain 'RequiredModules'
    }

    It 'exports exactly the cmdlets the assembly implements' {
        $assembly = (Get-Command Connect-OktaTenant).ImplementingType.Assembly
        $implemented = $assembly.GetTypes() |
            Where-Object { $_.IsPublic -and -not $_.IsAbstract -and [System.Management.Automation.Cmdlet].IsAssignableFrom($_) } |
            ForEach-Object { $attribute = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($attribute.VerbName)-$($attribute.NounName)" }
        $exported = (Get-Module OktaIntegration).ExportedCmdlets.Keys
        @($exported | Sort-Object) | Should -Be @($implemented | Sort-Object)
        (Get-Module OktaIntegration).ExportedFunctions.Count | Should -Be 0
    }

    It 'carries the version from Directory.Build.props' {
        [xml] $props = Get-Content -LiteralPath (Join-Path $script:root 'Directory.Build.props') -Raw
        $expected = @($props.Project.PropertyGroup | ForEach-Object { $_.ModuleVersion } | Where-Object { $_ })[0]
        (Get-Module OktaIntegration).Version | Should -Be ([version] $expected)
    }

    It 'keeps OktaIntegration.Core out of the module root, so only our loader can load it' {
        $moduleRoot = Split-Path -Parent $script:manifestPath
        Join-Path $moduleRoot 'OktaIntegration.Core.dll' | Should -Not -Exist
        Join-Path $moduleRoot 'dependencies/core/OktaIntegration.Core.dll' | Should -Exist
        Join-Path $moduleRoot 'dependencies/desktop/OktaIntegration.Core.dll' | Should -Exist
        Join-Path $moduleRoot 'dependencies/desktop/System.Text.Json.dll' | Should -Exist
    }
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $script:help = Get-Help -Name $Name -Full
    }

    It 'has a synopsis, a description and examples' {
        $script:help.Synopsis | Should -Not -BeNullOrEmpty
        $script:help.Synopsis | Should -Not -Match '^\s*\S+-\S+\s+\[' # not the auto-generated syntax line
        ($script:help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($script:help.examples.example).Count | Should -BeGreaterThan 0
    }

    It 'documents every parameter' {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $parameters = (Get-Command -Name $Name).Parameters.Values | Where-Object { $_.Name -notin $common -and -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }) }
        foreach ($parameter in $parameters) {
            $text = (Get-Help -Name $Name -Parameter $parameter.Name).description | Out-String
            $text.Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) of $Name needs a description in docs/cmdlets/$Name.md"
        }
    }

    It 'declares its output type' {
        (Get-Command -Name $Name).OutputType | Should -Not -BeNullOrEmpty
    }
}

Describe 'about_OktaIntegration' {
    It 'is installed with the module' {
        $topic = Get-Help about_OktaIntegration | Out-String
        $topic | Should -Match 'LEAST-PRIVILEGE SCOPES PER CMDLET'
        $topic | Should -Match 'CursorPath'
    }
}

Describe 'Connect-OktaTenant and Disconnect-OktaTenant against the emulator' {
    It 'connects with an SSWS token and writes the connection with -PassThru' {
        $connection = Connect-OktaTenant -OrgUrl $script:org.Url -ApiToken $script:org.SecureApiToken -PassThru
        # Compared by name: types of the private load context are not resolvable as [type] literals.
        $connection.GetType().FullName | Should -Be 'OktaIntegration.Core.Connection.OktaConnection'
        $connection.OrgUrl | Should -Be $script:org.Url.TrimEnd('/')
        "$connection" | Should -Not -Match ([regex]::Escape($script:org.ApiToken))
        ($connection | Format-Table | Out-String) | Should -Match 'OrgUrl'
    }

    It 'fails with OktaAuthenticationFailed for a wrong token' {
        $wrong = ConvertTo-SecureString -String '00wrong-token-for-the-test' -AsPlainText -Force
        { Connect-OktaTenant -OrgUrl $script:org.Url -ApiToken $wrong -MaxRetries 0 } |
            Should -Throw -ErrorId "OktaAuthenticationFailed,$(Get-CmdletClassName Connect-OktaTenant)"
    }

    It 'refuses an Admin Console host with OktaInvalidOrgUrl' {
        { Connect-OktaTenant -OrgUrl 'https://acme-admin.okta.com' -ApiToken $script:org.SecureApiToken } |
            Should -Throw -ErrorId "OktaInvalidOrgUrl,$(Get-CmdletClassName Connect-OktaTenant)"
    }

    It 'completes -Scope by prefix or wildcard from the scopes the cmdlets use' {
        $line = 'Connect-OktaTenant -Scope okta.logs'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'okta.logs.read'
        $line = 'Connect-OktaTenant -Scope *zones.m'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'okta.networkZones.manage'
    }

    It 'binds a piped connection to Disconnect-OktaTenant and disposes it' {
        $connection = Connect-OktaTenant -OrgUrl $script:org.Url -ApiToken $script:org.SecureApiToken -PassThru
        $connection | Disconnect-OktaTenant
        $connection.IsDisposed | Should -BeTrue
    }

    It 'says so on the verbose stream when there is nothing to disconnect' {
        Disconnect-OktaTenant
        $verbose = Disconnect-OktaTenant -Verbose 4>&1
        "$verbose" | Should -Match 'No Okta connection'
    }

    It 'disposes the session connection on Remove-Module, and imports again' {
        $connection = Connect-OktaTenant -OrgUrl $script:org.Url -ApiToken $script:org.SecureApiToken -PassThru
        Remove-Module OktaIntegration
        $connection.IsDisposed | Should -BeTrue
        Import-OktaTestModule
        $again = Connect-OktaTenant -OrgUrl $script:org.Url -ApiToken $script:org.SecureApiToken -PassThru
        $again.IsDisposed | Should -BeFalse
    }
}

Describe 'Output type <TypeName> in Export-Csv and ConvertTo-Json' -ForEach $outputTypes {
    BeforeAll {
        Connect-OktaTenant -OrgUrl $script:org.Url -ApiToken $script:org.SecureApiToken
        # One way to get real objects of each output type from the emulator. A new output type
        # needs one line here; the 'has a producer' test says which.
        $producers = @{
            'OktaIntegration.Core.SystemLog.OktaLogEvent'              = { Get-OktaSystemLog -Since ([DateTimeOffset]::UtcNow.AddDays(-30)) -Until ([DateTimeOffset]::UtcNow) -First 50 }
            'OktaIntegration.Core.Groups.OktaGroup'                    = { Get-OktaGroup }
            'OktaIntegration.Core.Users.OktaUser'                      = { Get-OktaGroup -Name 'TL-Admins' | Get-OktaGroupMember; Get-OktaGroup -Name 'TL-ReadOnly' | Get-OktaGroupMember | Where-Object Status -eq 'SUSPENDED' | Select-Object -First 1 | Resume-OktaUser -PassThru -Confirm:$false; Get-OktaUser -Status ACTIVE }
            'OktaIntegration.Core.Posture.OktaUserFactor'              = { Get-OktaAdminAssignment | Where-Object UserId | Get-OktaUserFactor }
            'OktaIntegration.Core.Posture.OktaAdminAssignment'         = { Get-OktaAdminAssignment -ExpandGroupMembers }
            'OktaIntegration.Core.Posture.OktaApiToken'                = { Get-OktaApiToken }
            'OktaIntegration.Core.Posture.OktaThreatInsight'           = { Set-OktaThreatInsight -Action Audit -ExcludeZone LegacyIpZone -PassThru -Confirm:$false; Get-OktaThreatInsight }
            'OktaIntegration.Core.Posture.OktaPostureFinding'          = { Test-OktaPosture }
            'OktaIntegration.Core.RoleSync.OktaRoleChange'             = { Sync-OktaGroupRole -Mapping @{ 'TL-Admins' = 'Administrator' } -StatePath (Join-Path $TestDrive 'roles.json') -WhatIf }
            'OktaIntegration.Core.Users.OktaUserSessionRevocation'     = { Get-OktaGroup -Name 'TL-Admins' | Get-OktaGroupMember | Where-Object Status -eq 'ACTIVE' | Select-Object -Last 1 | Revoke-OktaUserSession -Confirm:$false }
            'OktaIntegration.Core.Zones.OktaIpBlockResult'             = { Block-OktaIpAddress -IpAddress '203.0.113.77' -Confirm:$false }
            # The emulator's generated log grants admin roles and creates API tokens, which two rules report.
            'OktaIntegration.Core.Detection.OktaThreatFinding'         = { Get-OktaSystemLog -Since ([DateTimeOffset]::UtcNow.AddDays(-30)) -Until ([DateTimeOffset]::UtcNow) | Find-OktaThreat -Rule AdminPrivilegeGranted, ApiTokenCreated }
            'OktaIntegration.Core.Siem.SiemExportSummary'              = { Export-OktaSystemLog -Destination (New-OktaFileDestination -Path $TestDrive) -Since ([DateTimeOffset]::UtcNow.AddDays(-30)) -Until ([DateTimeOffset]::UtcNow) -First 50 }
            'OktaIntegration.Core.Siem.Destinations.FileDestination'   = { New-OktaFileDestination -Path $TestDrive }
            'OktaIntegration.Core.Siem.Destinations.SplunkHecDestination' = { New-OktaSplunkDestination -Url $script:org.Url -Token (ConvertTo-SecureString '11111111-2222-3333-4444-555555555555' -AsPlainText -Force) }
            'OktaIntegration.Core.Siem.Destinations.ElasticBulkDestination' = { New-OktaElasticDestination -Url $script:org.Url -ApiKey (ConvertTo-SecureString 'b2t0YS1lbXVsYXRvcjplbXVsYXRvci1hcGkta2V5LXNlY3JldA==' -AsPlainText -Force) }
            'OktaIntegration.Core.Siem.Destinations.SyslogDestination' = { New-OktaSyslogDestination -Server 127.0.0.1 -Transport Tcp -Format Cef }
            'OktaIntegration.Core.Siem.Destinations.SentinelIngestionDestination' = { New-OktaSentinelDestination -Endpoint $script:org.Url -DcrImmutableId 'dcr-1' -Stream 'Custom-Okta' -TenantId 't' -Credential ([pscredential]::new('client', (ConvertTo-SecureString 'secret' -AsPlainText -Force))) }
        }
        $script:producer = $producers[$TypeName]
        $script:objects = if ($script:producer) { @(& $script:producer | Where-Object { $_.GetType().FullName -eq $TypeName }) } else { @() }
    }

    It 'has a producer in this test and yields objects from the emulator' {
        $script:producer | Should -Not -BeNullOrEmpty -Because "tests/Module.Tests.ps1 needs a line in `$producers for $TypeName"
        $script:objects.Count | Should -BeGreaterThan 0
    }

    It 'exports to CSV with no .NET type name in any cell' {
        $csv = $script:objects | ConvertTo-Csv -NoTypeInformation
        $rows = $csv | ConvertFrom-Csv
        @($rows).Count | Should -Be $script:objects.Count
        foreach ($row in $rows) {
            foreach ($property in $row.PSObject.Properties) {
                $property.Value | Should -Not -MatchExactly '^(System|OktaIntegration|Microsoft)\.[\w.`\[\],]+$' -Because "column $($property.Name) of $TypeName must hold a value, not a type name"
            }
        }
    }

    It 'holds no enum-typed property, so ConvertTo-Json writes names, not numbers' {
        # ConvertTo-Json writes an enum as its number unless -EnumsAsStrings; a script, a SIEM or a
        # report reading the JSON should see "Applied", not 1.
        foreach ($object in $script:objects) {
            # Ordered scales stay enums on purpose, so that `Where-Object Severity -ge High` and
            # Sort-Object compare by rank, not alphabetically (issue 12): ConvertTo-Json -EnumsAsStrings
            # writes their names. Export-Csv and the views already show names.
            $orderedScales = 'Severity', 'Strength'
            $enums = @($object.PSObject.Properties | Where-Object { $_.Value -is [System.Enum] -and $_.Name -notin $orderedScales } | ForEach-Object Name)
            $enums | Should -BeNullOrEmpty -Because "$TypeName property $($enums -join ', ') would be written as a number"
        }
    }

    It 'converts to JSON at the default depth without truncation or type names' {
        $json = $script:objects | ConvertTo-Json -WarningVariable truncation -WarningAction SilentlyContinue
        $truncation | Should -BeNullOrEmpty -Because "$TypeName must serialize completely at ConvertTo-Json's default depth"
        $json | Should -Not -MatchExactly '"(System|OktaIntegration|Microsoft)\.[\w.`\[\],]+"'
        @($json | ConvertFrom-Json).Count | Should -Be $script:objects.Count
    }
}

Describe 'Side by side with a module that ships Microsoft.IdentityModel <Order>' -ForEach @(
    @{ Order = 'other-first' }
    @{ Order = 'ours-first' }
) {
    BeforeAll {
        $script:other = Get-OtherIdentityModelDirectory
        if (-not $script:other) { return }
        # A fake module that, like Az.Accounts or Microsoft.Graph.Authentication, loads its own
        # Microsoft.IdentityModel.* into PowerShell's shared context through RequiredAssemblies.
        $fake = Join-Path $TestDrive 'FakeIdentityModule'
        New-Item -ItemType Directory -Path $fake -Force | Out-Null
        Copy-Item -LiteralPath $script:other.Files -Destination $fake
        $assemblies = ($script:other.Files | ForEach-Object { "'$(Split-Path -Leaf $_)'" }) -join ', '
        Set-Content -LiteralPath (Join-Path $fake 'FakeIdentityModule.psd1') -Value "@{ ModuleVersion = '1.0.0'; GUID = '$([guid]::NewGuid())'; RequiredAssemblies = @($assemblies); FunctionsToExport = @(); CmdletsToExport = @() }"

        # A service app with an RSA key, so connecting signs a private_key_jwt client assertion
        # with Microsoft.IdentityModel (an SSWS token would never load it).
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        $script:privateKey = Join-Path $TestDrive 'app.pem'
        $publicKey = Join-Path $TestDrive 'app.pub.pem'
        Set-Content -LiteralPath $script:privateKey -Value $rsa.ExportPkcs8PrivateKeyPem()
        Set-Content -LiteralPath $publicKey -Value $rsa.ExportSubjectPublicKeyInfoPem()
        $script:appOrg = Start-TestEmulator -Events 10 -ArgumentList '--client-id', '0oaPesterSideBySide', '--public-key', $publicKey, '--scopes', 'okta.users.read'

        $importFake = "Import-Module '$(Join-Path $fake 'FakeIdentityModule.psd1')'; [void][Microsoft.IdentityModel.Tokens.SecurityKey].Assembly.GetTypes()"
        $importOurs = "Import-Module '$script:manifestPath'"
        $steps = if ($Order -eq 'other-first') { $importFake, $importOurs } else { $importOurs, $importFake }
        $script:childScript = @"
`$ErrorActionPreference = 'Stop'
$($steps[0])
$($steps[1])
`$connection = Connect-OktaTenant -OrgUrl '$($script:appOrg.Url)' -ClientId '0oaPesterSideBySide' -PrivateKeyPath '$script:privateKey' -Scope okta.users.read -PassThru
[pscustomobject]@{
    Tokens = @([System.Runtime.Loader.AssemblyLoadContext]::All | ForEach-Object { `$context = `$_; `$_.Assemblies | Where-Object { `$_.GetName().Name -eq 'Microsoft.IdentityModel.Tokens' } | ForEach-Object { "`$(`$context.Name)|`$(`$_.GetName().Version)" } })
    Core   = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$connection.GetType().Assembly).Name
} | ConvertTo-Json -Compress
"@
    }

    AfterAll {
        if ($script:appOrg) { Stop-TestEmulator $script:appOrg }
    }

    It 'imports, connects with private key JWT and keeps both versions loaded' {
        if (-not $script:other) {
            Set-ItResult -Skipped -Because 'Microsoft.IdentityModel 7.7.3 is not restored; run dotnet test OktaIntegration.sln once (its PackageDownload restores it).'
            return
        }
        $output = Invoke-TestPwsh -NoProfile -NonInteractive -Command $script:childScript 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
        $result = ($output | Select-Object -Last 1) | ConvertFrom-Json
        $result.Core | Should -Be 'OktaIntegration'
        $result.Tokens | Should -Contain "Default|$($script:other.Version).0"
        @($result.Tokens | Where-Object { $_ -like 'OktaIntegration|8.*' }).Count | Should -Be 1
    }
}
