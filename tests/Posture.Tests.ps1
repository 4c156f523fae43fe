#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    Identity posture through the built module against the emulator's seeded posture scenario
    (src/OktaIntegration.Emulator/Posture/PostureSeed.cs): the audit exported to CSV, dormant-user
    findings piped into Suspend-OktaUser -WhatIf, and Set-OktaThreatInsight with -WhatIf and
    -Confirm:$false. Effects are checked through the Okta API itself; "no request sent" through
    -Verbose, where the module logs every call it makes.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OktaTestModule
    $script:org = Start-TestEmulator -Users 60 -Events 50
    Connect-OktaTenant -OrgUrl $script:org.Url -ApiToken $script:org.SecureApiToken

    function script:Invoke-Okta([string] $Path, [string] $Method = 'GET', $Body) {
        Invoke-TestEmulatorApi -Emulator $script:org -Path $Path -Method $Method -Body $Body
    }

    function script:Get-RequestLines($Records, [string] $Method = '(GET|POST|PUT|DELETE)') {
        @($Records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match "^$Method " })
    }

    # Ground truth for dormant users: ACTIVE, and no sign-in (or never, counting from activation) for 90 days.
    $cutoff = [DateTimeOffset]::UtcNow.AddDays(-90)
    $script:dormantIds = @(Invoke-Okta 'api/v1/users?limit=200' | Where-Object {
            $_.status -eq 'ACTIVE' -and $(if ($_.lastLogin) { [DateTimeOffset] $_.lastLogin -lt $cutoff } else { [DateTimeOffset] $_.activated -lt $cutoff })
        } | ForEach-Object id | Sort-Object)
    if ($script:dormantIds.Count -lt 2) { throw "The emulator's posture seed should have at least two dormant users; found $($script:dormantIds.Count)." }
}

AfterAll {
    Disconnect-OktaTenant
    Stop-TestEmulator $script:org
}

Describe 'Test-OktaPosture' {
    It 'exports one clean CSV row per finding with every column' {
        $findings = @(Test-OktaPosture)
        $path = Join-Path $TestDrive 'posture.csv'
        Test-OktaPosture | Export-Csv -LiteralPath $path -NoTypeInformation

        $rows = @(Import-Csv -LiteralPath $path)
        $rows.Count | Should -Be $findings.Count
        $columns = $rows[0].PSObject.Properties.Name
        foreach ($column in 'Check', 'Severity', 'SubjectType', 'Subject', 'SubjectId', 'Detail', 'Recommendation', 'Reference', 'UserId') {
            $columns | Should -Contain $column
        }
        $checks = $rows.Check | Sort-Object -Unique
        foreach ($check in 'AdminWithoutPhishingResistantFactor', 'AdminWeakFactorsOnly', 'TooManySuperAdmins', 'DormantUser', 'UserWithoutMfa',
            'ApiTokenAnyNetwork', 'ApiTokenInactiveOwner', 'ApiTokenSuperAdminOwner', 'ApiTokenStale', 'AdminGroupOpenMembership') {
            $checks | Should -Contain $check
        }
        $rows | Where-Object Severity -eq 'Critical' | Should -Not -BeNullOrEmpty
        $rows | ForEach-Object { $_.Detail | Should -Not -BeNullOrEmpty }
    }

    It 'pipes dormant-user findings into Suspend-OktaUser -WhatIf by UserId, sending nothing' {
        $dormant = @(Test-OktaPosture -Check DormantUser | Where-Object Check -eq DormantUser)
        @($dormant.UserId | Sort-Object) | Should -Be $script:dormantIds

        $records = Test-OktaPosture | Where-Object Check -eq DormantUser | Suspend-OktaUser -WhatIf -Verbose -ErrorVariable failures 4>&1
        $failures | Should -BeNullOrEmpty
        Get-RequestLines $records 'POST' | Should -BeNullOrEmpty
        foreach ($id in $script:dormantIds) { (Invoke-Okta "api/v1/users/$id").status | Should -Be 'ACTIVE' }
    }
}

Describe 'Get-OktaUserFactor' {
    It 'fills Login from the piped user, without looking the user up again' {
        $users = @(Get-OktaUser -Status ACTIVE | Select-Object -First 3)
        $records = $users | Get-OktaUserFactor -Verbose 4>&1
        $factors = @($records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $factors | Should -Not -BeNullOrEmpty
        foreach ($factor in $factors) {
            $factor.Login | Should -Be ($users | Where-Object Id -eq $factor.UserId).Login
        }
        Get-RequestLines $records 'GET' | Where-Object { $_.Message -notmatch '/factors' } | Should -BeNullOrEmpty
    }

    It 'fills Login from piped group members and admin assignments' {
        $members = @(Get-OktaGroup | Select-Object -First 1 | Get-OktaGroupMember | Select-Object -First 2)
        foreach ($factor in @($members | Get-OktaUserFactor)) {
            $factor.Login | Should -Be ($members | Where-Object Id -eq $factor.UserId).Login
        }
        $admins = @(Get-OktaAdminAssignment | Where-Object UserId | Select-Object -First 2)
        foreach ($factor in @($admins | Get-OktaUserFactor)) {
            $factor.Login | Should -Be ($admins | Where-Object UserId -eq $factor.UserId | Select-Object -First 1).Login
        }
    }
}

Describe 'Set-OktaThreatInsight' {
    It 'changes nothing with -WhatIf' {
        $before = Get-OktaThreatInsight
        $records = Set-OktaThreatInsight -Action Block -WhatIf -Verbose 4>&1
        Get-RequestLines $records 'POST' | Should -BeNullOrEmpty
        (Invoke-Okta 'api/v1/threats/configuration').action | Should -Be ([string] $before.Action).ToLowerInvariant()
    }

    It 'refuses an unknown zone before writing anything' {
        { Set-OktaThreatInsight -Action Block -ExcludeZone 'No such zone' -Confirm:$false } | Should -Throw -ErrorId 'OktaZoneNotFound*'
        (Invoke-Okta 'api/v1/threats/configuration').action | Should -Be 'audit'
    }

    It 'sets Block with an excluded zone by name, and None with -Confirm:$false, each logged in the System Log' {
        $zone = Invoke-Okta 'api/v1/zones' | Where-Object name -eq 'LegacyIpZone'
        $blocked = Set-OktaThreatInsight -Action Block -ExcludeZone LegacyIpZone -Confirm:$false -PassThru
        [string] $blocked.Action | Should -Be 'Block'
        $blocked.ExcludeZoneNames | Should -Be @('LegacyIpZone')
        $stored = Invoke-Okta 'api/v1/threats/configuration'
        $stored.action | Should -Be 'block'
        $stored.excludeZones | Should -Be @($zone.id)

        Set-OktaThreatInsight -Action None -Confirm:$false
        (Invoke-Okta 'api/v1/threats/configuration').action | Should -Be 'none'
        (Get-OktaThreatInsight).ExcludeZones | Should -BeNullOrEmpty

        $since = [DateTimeOffset]::UtcNow.AddHours(-1).ToString('yyyy-MM-ddTHH:mm:ssZ')
        $until = [DateTimeOffset]::UtcNow.AddMinutes(1).ToString('yyyy-MM-ddTHH:mm:ssZ')
        $events = @(Invoke-Okta "api/v1/logs?since=$since&until=$until&filter=$([uri]::EscapeDataString('eventType eq "security.threat.configuration.update"'))")
        $events.Count | Should -Be 2
        (Test-OktaPosture -Check ThreatInsightNotBlocking).Severity | Should -Be 'High'
    }
}
