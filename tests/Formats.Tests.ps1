# Default views read well in a 120-column console: every line fits, ids (what users paste next)
# come last and whole, and what does not fit one table has a second named view.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OktaTestModule
    $script:org = Start-TestEmulator -Events 300 -Users 40
    Connect-OktaTenant -OrgUrl $script:org.Url -ApiToken $script:org.SecureApiToken

    function script:Show([object[]] $Objects, [string] $View) {
        $format = @{}
        if ($View) { $format.View = $View }
        @(($Objects | Format-Table @format | Out-String -Width 120) -split "`r?`n" | ForEach-Object TrimEnd | Where-Object { $_ })
    }
}

AfterAll {
    Disconnect-OktaTenant -ErrorAction SilentlyContinue
    Stop-TestEmulator $script:org
}

Describe 'The table view of <TypeName>' -ForEach @(
    @{ TypeName = 'OktaIntegration.Core.Groups.OktaGroup'; View = $null; Id = 'Id'; Produce = { Get-OktaGroup } }
    @{ TypeName = 'OktaIntegration.Core.Users.OktaUser'; View = $null; Id = 'Id'; Produce = { Get-OktaGroup -Name 'TL-*' | Get-OktaGroupMember } }
    @{ TypeName = 'OktaIntegration.Core.RoleSync.OktaRoleChange'; View = $null; Id = 'UserId'; Produce = { Sync-OktaGroupRole -Mapping @{ 'TL-Admins' = 'Administrator'; 'TL-Helpdesk' = 'Helpdesk' } -StatePath (Join-Path $TestDrive 'roles.json') -WhatIf } }
    @{ TypeName = 'OktaIntegration.Core.Users.OktaUserSessionRevocation'; View = $null; Id = 'UserId'; Produce = { Get-OktaGroup -Name 'TL-Admins' | Get-OktaGroupMember | Where-Object Status -eq 'ACTIVE' | Select-Object -First 3 | Revoke-OktaUserSession -Confirm:$false } }
    @{ TypeName = 'OktaIntegration.Core.Users.OktaUser'; View = $null; Id = 'Id'; Produce = { Get-OktaGroup -Name 'TL-ReadOnly' | Get-OktaGroupMember | Where-Object Status -eq 'SUSPENDED' | Select-Object -First 2 | Resume-OktaUser -PassThru -Confirm:$false } }
    @{ TypeName = 'OktaIntegration.Core.SystemLog.OktaLogEvent'; View = 'Detail'; Id = 'Uuid'; Produce = { Get-OktaSystemLog -Since ([DateTimeOffset]::UtcNow.AddDays(-30)) -Until ([DateTimeOffset]::UtcNow) -First 40 } }
) {
    BeforeAll {
        $script:objects = @(& $Produce | Where-Object { $_.GetType().FullName -eq $TypeName })
        $script:lines = Show $script:objects $View
    }

    It 'has objects to show' {
        $script:objects.Count | Should -BeGreaterThan 0
    }

    It 'fits in 120 columns' {
        foreach ($line in $script:lines) {
            $line.Length | Should -BeLessOrEqual 120 -Because "this line is too wide: $line"
        }
    }

    It 'shows every id whole, in the last column' {
        $header = $script:lines[0]
        $header.Trim() | Should -Match "$Id$" -Because 'the id is what users paste next, so it comes last'
        foreach ($object in $script:objects) {
            $value = $object.$Id
            if (-not $value) { continue }
            $row = $script:lines | Where-Object { $_.EndsWith($value) }
            $row | Should -Not -BeNullOrEmpty -Because "the id $value must appear whole at the end of its row"
        }
    }
}

Describe 'Views that need more than one table' {
    It 'log events: the default view shows the target with room to read it' {
        $events = @(Get-OktaSystemLog -Since ([DateTimeOffset]::UtcNow.AddDays(-30)) -Until ([DateTimeOffset]::UtcNow) -EventType group.user_membership.add -First 20)
        $events | Should -Not -BeNullOrEmpty
        $lines = Show $events
        $lines[0] | Should -Match 'Target'
        foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual 120 }
        foreach ($event in $events | Where-Object { $_.TargetDisplayName.Length -le 28 }) {
            ($lines -join "`n") | Should -Match ([regex]::Escape($event.TargetDisplayName))
        }
    }

    It 'log events: Format-Table -View Detail shows DisplayMessage' {
        $events = @(Get-OktaSystemLog -Since ([DateTimeOffset]::UtcNow.AddDays(-30)) -Until ([DateTimeOffset]::UtcNow) -First 5)
        $lines = Show $events 'Detail'
        $lines[0] | Should -Match 'DisplayMessage'
        $events[0].DisplayMessage | Should -Not -BeNullOrEmpty
    }

    It 'role changes show the Reason whole' {
        $changes = @(Sync-OktaGroupRole -Mapping @{ 'TL-Admins' = 'Administrator' } -StatePath (Join-Path $TestDrive 'reasons.json') -WhatIf)
        $text = (Show $changes) -join "`n"
        foreach ($change in $changes) { $text | Should -Match ([regex]::Escape($change.Reason)) }
    }
}
