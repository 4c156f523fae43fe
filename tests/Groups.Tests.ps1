#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Get-OktaGroup, Get-OktaGroupMember and Sync-OktaGroupRole against the emulator program.
# Self-contained: starts its own emulator on a free loopback port (seeded org: TL-Admins,
# TL-Helpdesk, TL-ReadOnly, Engineering, Security Operations, Empty Group, Domain Admins,
# VPN Users, Everyone) and stops it afterwards.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OktaTestModule
    $script:org = Start-TestEmulator -Users 60 -Events 50
    Connect-OktaTenant -OrgUrl $script:org.Url -ApiToken $script:org.SecureApiToken

    $script:mapping = @{ 'TL-Admins' = 'Administrator'; 'TL-Helpdesk' = 'Helpdesk', 'Read Only' }
}

AfterAll {
    Disconnect-OktaTenant
    Stop-TestEmulator $script:org
}

Describe 'Get-OktaGroup' {
    It 'finds groups by a trailing-wildcard name with member counts' {
        $groups = Get-OktaGroup -Name 'TL-*'
        $groups.Name | Should -Be @('TL-Admins', 'TL-Helpdesk', 'TL-ReadOnly')
        $groups | ForEach-Object { $_.MemberCount | Should -BeGreaterThan 0 }
        $groups[0].GetType().FullName | Should -Be 'OktaIntegration.Core.Groups.OktaGroup'
    }

    It 'shows AD attributes of imported groups' {
        $vpn = Get-OktaGroup -Type APP_GROUP | Where-Object Name -EQ 'VPN Users'
        $vpn.WindowsDomainQualifiedName | Should -Be 'CORP\VPNUsers'
        $vpn.Type | Should -Be 'APP_GROUP'
    }

    It 'writes a not-found error with a stable id for an unknown exact name' {
        { Get-OktaGroup -Name 'No Such Group' -ErrorAction Stop } |
            Should -Throw -ErrorId 'OktaGroupNotFound,OktaIntegration.Commands.GetOktaGroupCommand'
    }

    It 'completes group names from the current connection' {
        $line = 'Get-OktaGroup -Name TL'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Be @('TL-Admins', 'TL-Helpdesk', 'TL-ReadOnly')
        $line = 'Get-OktaGroupMember -GroupId Secu'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be "'Security Operations'"
    }

    It 'refuses -Search with -Filter before calling Okta' {
        { Get-OktaGroup -Search 'type eq "OKTA_GROUP"' -Filter 'type eq "APP_GROUP"' } |
            Should -Throw -ErrorId 'OktaInvalidArgument,OktaIntegration.Commands.GetOktaGroupCommand'
    }
}

Describe 'Get-OktaGroupMember' {
    It 'binds Id from piped groups and labels members with their group' {
        $groups = Get-OktaGroup -Name 'TL-*'
        $members = $groups | Get-OktaGroupMember
        $members.Count | Should -Be ($groups | Measure-Object -Property MemberCount -Sum).Sum
        ($members | Select-Object -ExpandProperty GroupName -Unique) | Should -Be @('TL-Admins', 'TL-Helpdesk', 'TL-ReadOnly')
        $members[0].GetType().FullName | Should -Be 'OktaIntegration.Core.Users.OktaUser'
        $members[0].Login | Should -Match '@example\.com$'
    }

    It 'refuses users piped in as groups, naming the group a member was listed under' {
        $member = Get-OktaGroup -Name 'TL-Admins' | Get-OktaGroupMember | Select-Object -First 1
        $records = $member | Get-OktaGroupMember -Verbose -ErrorVariable failures -ErrorAction SilentlyContinue 4>&1
        @($records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -BeNullOrEmpty
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '^GET ' }) | Should -BeNullOrEmpty
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'OktaInputIsUser,OktaIntegration.Commands.GetOktaGroupMemberCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].Exception.Message | Should -BeLike "*not a group*-GroupId $($member.GroupId)*"
    }

    It 'exports to CSV without .NET type names in any cell' {
        $csv = Get-OktaGroup -Name 'TL-Admins' | Get-OktaGroupMember | ConvertTo-Csv -NoTypeInformation
        ($csv -join "`n") | Should -Not -Match 'System\.|OktaIntegration\.'
    }
}

Describe 'Sync-OktaGroupRole with the JSON role store' {
    BeforeEach {
        $script:store = Join-Path $TestDrive ("roles-{0}.json" -f [guid]::NewGuid().ToString('N'))
    }

    It '-WhatIf changes nothing and shows the plan' {
        $plan = Sync-OktaGroupRole -Mapping $script:mapping -StatePath $script:store -WhatIf
        $plan | Should -Not -BeNullOrEmpty
        $plan.Outcome | Select-Object -Unique | Should -Be 'Planned'
        $plan | Where-Object { $_.Action -eq 'Grant' -and $_.Role -eq 'Administrator' } |
            ForEach-Object { $_.Reason | Should -Be 'member of TL-Admins' }
        Test-Path $script:store | Should -BeFalse
    }

    It '-WhatIf leaves the store''s folder exactly as it was: no lock file, no clean-up' {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive ([guid]::NewGuid().ToString('N')))
        $store = Join-Path $folder 'roles.json'
        Set-Content -LiteralPath $store -Value '{ "users": [ { "login": "leaver@example.com", "roles": ["Administrator"] } ] }'
        Set-Content -LiteralPath (Join-Path $folder '.roles.json.0badf00d.tmp') -Value '{ "users": ['
        $snapshot = { Get-ChildItem -LiteralPath $folder -Force | Sort-Object Name | ForEach-Object { "$($_.Name) $($_.Length) $($_.LastWriteTimeUtc.Ticks) $(Get-FileHash -LiteralPath $_.FullName).Hash" } }
        $before = & $snapshot

        $plan = Sync-OktaGroupRole -Mapping $script:mapping -StatePath $store -WhatIf

        $plan | Where-Object { $_.Action -eq 'Revoke' -and $_.Login -eq 'leaver@example.com' } | Should -Not -BeNullOrEmpty
        & $snapshot | Should -Be $before
        Test-Path -LiteralPath "$store.lock" | Should -BeFalse
    }

    It '-Confirm:$false applies the plan, and a second run plans nothing' {
        $plan = Sync-OktaGroupRole -Mapping $script:mapping -StatePath $script:store -WhatIf
        $applied = Sync-OktaGroupRole -Mapping $script:mapping -StatePath $script:store -Confirm:$false
        $applied.Outcome | Select-Object -Unique | Should -Be 'Applied'
        ($applied | ForEach-Object { "$($_.Action) $($_.UserId) $($_.Role)" }) |
            Should -Be ($plan | ForEach-Object { "$($_.Action) $($_.UserId) $($_.Role)" })
        $saved = Get-Content $script:store -Raw | ConvertFrom-Json
        ($saved.users | Where-Object { $_.roles -contains 'Administrator' }).Count |
            Should -Be ($applied | Where-Object Role -EQ 'Administrator').Count
        Sync-OktaGroupRole -Mapping $script:mapping -StatePath $script:store -Confirm:$false | Should -BeNullOrEmpty
    }

    It 'reads a CSV mapping file' {
        $csv = Join-Path $TestDrive 'map.csv'
        Set-Content -Path $csv -Value "Group,Role`nTL-ReadOnly,Auditor"
        $result = Sync-OktaGroupRole -Mapping $csv -StatePath $script:store -Confirm:$false
        ($result | Where-Object Action -EQ 'Grant').Role | Select-Object -Unique | Should -Be 'Auditor'
    }

    It 'stops with a stable error id when a mapped group does not exist, changing nothing' {
        { Sync-OktaGroupRole -Mapping @{ 'TL-Admins' = 'A'; 'TL-Typo' = 'B' } -StatePath $script:store -Confirm:$false } |
            Should -Throw -ErrorId 'OktaGroupNotFound,OktaIntegration.Commands.SyncOktaGroupRoleCommand'
        Test-Path $script:store | Should -BeFalse
    }

    It 'stops when the plan revokes more than -MaxRevocation, unless -Force' {
        Sync-OktaGroupRole -Mapping $script:mapping -StatePath $script:store -Confirm:$false | Out-Null
        $before = Get-Content $script:store -Raw
        { Sync-OktaGroupRole -Mapping @{ 'Empty Group' = 'Administrator' } -StatePath $script:store -MaxRevocation 1 -Confirm:$false } |
            Should -Throw -ErrorId 'OktaRevocationLimitExceeded,OktaIntegration.Commands.SyncOktaGroupRoleCommand'
        Get-Content $script:store -Raw | Should -Be $before
        # -WhatIf with -Force previews the forced plan; the warning must not claim anything is applied.
        $preview = Sync-OktaGroupRole -Mapping @{ 'Empty Group' = 'Administrator' } -StatePath $script:store -MaxRevocation 1 -Force -WhatIf -WarningVariable previewWarnings -WarningAction SilentlyContinue
        ($preview | Where-Object Action -EQ 'Revoke').Outcome | Select-Object -Unique | Should -Be 'Planned'
        ($previewWarnings -join ' ') | Should -Not -Match 'applying'
        ($previewWarnings -join ' ') | Should -Match '-Force lets it go ahead'
        Get-Content $script:store -Raw | Should -Be $before
        $forced = Sync-OktaGroupRole -Mapping @{ 'Empty Group' = 'Administrator' } -StatePath $script:store -MaxRevocation 1 -Force -Confirm:$false
        ($forced | Where-Object Action -EQ 'Revoke').Outcome | Select-Object -Unique | Should -Be 'Applied'
    }
}

Describe 'Sync-OktaGroupRole with a script target' {
    It 'receives exactly the planned calls' {
        $calls = [System.Collections.Generic.List[string]]::new()
        $params = @{
            Mapping       = $script:mapping
            GetAssignment = { [pscustomobject]@{ Login = 'leaver@example.com'; Roles = 'Helpdesk', 'Billing' } }
            Grant         = { param($change) $calls.Add("Grant $($change.Login) $($change.Role)") }
            Revoke        = { $calls.Add("Revoke $($_.Login) $($_.Role)") }
        }
        $plan = Sync-OktaGroupRole @params -WhatIf
        $calls.Count | Should -Be 0
        $result = Sync-OktaGroupRole @params -Confirm:$false
        $calls | Should -Be ($plan | ForEach-Object { "$($_.Action) $($_.Login) $($_.Role)" })
        $calls | Should -Contain 'Revoke leaver@example.com Helpdesk'
        $calls | Should -Not -Contain 'Revoke leaver@example.com Billing'
        $result.Outcome | Select-Object -Unique | Should -Be 'Applied'
    }

    It 'ends with a terminating error when a change fails, after writing every result' {
        $results = [System.Collections.Generic.List[object]]::new()
        $params = @{
            Mapping       = @{ 'TL-Admins' = 'Administrator' }
            GetAssignment = { }
            Grant         = { if ($_.Login -like 'ada.*') { throw 'downstream API said 503' } }
            Revoke        = { }
            Confirm       = $false
        }
        { Sync-OktaGroupRole @params | ForEach-Object { $results.Add($_) } } |
            Should -Throw -ErrorId 'OktaRoleSyncChangesFailed,OktaIntegration.Commands.SyncOktaGroupRoleCommand'
        ($results | Where-Object Outcome -EQ 'Failed').Error | Should -Match '503'
        ($results | Where-Object Outcome -EQ 'Applied') | Should -Not -BeNullOrEmpty
    }

    It 'fails a change whose native command exits non-zero instead of reporting it applied' {
        # A revocation through a CLI (az, aws, curl) that fails only by its exit code: reported
        # Applied, the access would stay while every run says it was taken away.
        $results = [System.Collections.Generic.List[object]]::new()
        $params = @{
            Mapping       = @{ 'TL-Admins' = 'Administrator' }
            GetAssignment = { [pscustomobject]@{ Login = 'leaver@example.com'; Role = 'Administrator' } }
            Grant         = { }
            Revoke        = { if ($IsWindows) { cmd /c exit 3 } else { sh -c 'exit 3' } }
            Confirm       = $false
        }
        { Sync-OktaGroupRole @params | ForEach-Object { $results.Add($_) } } |
            Should -Throw -ErrorId 'OktaRoleSyncChangesFailed,OktaIntegration.Commands.SyncOktaGroupRoleCommand'
        $revoke = $results | Where-Object Action -EQ 'Revoke'
        $revoke.Outcome | Should -Be 'Failed'
        $revoke.Error | Should -Match 'exit code'
    }
}
