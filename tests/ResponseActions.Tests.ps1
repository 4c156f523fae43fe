#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    Identity response actions against the emulator, through the built module:
    Revoke-OktaUserSession, Suspend-OktaUser, Resume-OktaUser, Block-OktaIpAddress, Unblock-OktaIpAddress.
    The emulator runs as its own process, so effects are checked through the Okta API itself
    (user status, zone gateways) and "no request sent" through -Verbose, where the module logs
    every call it makes ("GET https://…", "DELETE …").
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OktaTestModule
    $script:org = Start-TestEmulator -Users 60 -Events 50
    Connect-OktaTenant -OrgUrl $script:org.Url -ApiToken $script:org.SecureApiToken

    # Ground truth straight from the API (every page, one object per user or zone).
    function script:Invoke-Okta([string] $Path, [string] $Method = 'GET', $Body) {
        Invoke-TestEmulatorApi -Emulator $script:org -Path $Path -Method $Method -Body $Body
    }

    # The first user is the token's own admin; never act on it.
    $users = @(Invoke-Okta 'api/v1/users?limit=200' | Select-Object -Skip 1)
    $script:active = @($users | Where-Object status -eq 'ACTIVE')
    $script:suspended = @($users | Where-Object status -eq 'SUSPENDED')
    # Okta's list leaves DEPROVISIONED users out unless a filter asks for them.
    $script:deprovisioned = @(Invoke-Okta 'api/v1/users?filter=status%20eq%20%22DEPROVISIONED%22')
    # Fail here, clearly, rather than with null -UserId arguments in every test.
    if ($script:active.Count -lt 10 -or $script:suspended.Count -lt 1 -or $script:deprovisioned.Count -lt 1) {
        throw "The emulator's seeded users are not what these tests need: $($script:active.Count) ACTIVE (10 needed), $($script:suspended.Count) SUSPENDED, $($script:deprovisioned.Count) DEPROVISIONED."
    }

    function script:Get-RequestLines($Records) {
        @($Records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '^(GET|POST|PUT|DELETE) ' })
    }

    function script:Get-BlockedIpZone {
        Invoke-Okta 'api/v1/zones?filter=usage%20eq%20%22BLOCKLIST%22' | Where-Object name -eq 'BlockedIpZone'
    }
}

AfterAll {
    Disconnect-OktaTenant
    Stop-TestEmulator $script:org
}

Describe 'Revoke-OktaUserSession' {
    It 'sends no write with -WhatIf, only the lookup that names the user' {
        $records = Revoke-OktaUserSession -UserId $active[0].id -WhatIf -Verbose 4>&1
        (Get-RequestLines $records).Message | Should -BeLike "GET */api/v1/users/$($active[0].id)"
    }

    It 'refuses groups piped in as users, before any request, pointing at Get-OktaGroupMember' {
        $group = Get-OktaGroup -Name 'Security Operations'
        $records = $group | Revoke-OktaUserSession -Confirm:$false -Verbose -ErrorVariable failures -ErrorAction SilentlyContinue 4>&1
        Get-RequestLines $records | Should -BeNullOrEmpty
        @($records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -BeNullOrEmpty
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'OktaInputIsGroup,OktaIntegration.Commands.RevokeOktaUserSessionCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].Exception.Message | Should -BeLike "*Okta group 'Security Operations' ($($group.Id)), not a user*Get-OktaGroup -Name 'Security Operations' | Get-OktaGroupMember | Revoke-OktaUserSession*"
        { $group | Get-OktaUserFactor -ErrorAction Stop } | Should -Throw -ErrorId 'OktaInputIsGroup,OktaIntegration.Commands.GetOktaUserFactorCommand'
    }

    It 'refuses a System Log event whose actor is an app, and an app id, before any request' {
        # A service app's own response action is logged with the app as actor (PublicClientApp,
        # 0oa…); piping that event back binds its ActorId, which Okta would answer as "not found".
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        $key = Join-Path $TestDrive 'service-app.pem'
        $publicKey = Join-Path $TestDrive 'service-app.pub.pem'
        Set-Content -LiteralPath $key -Value $rsa.ExportPkcs8PrivateKeyPem()
        Set-Content -LiteralPath $publicKey -Value $rsa.ExportSubjectPublicKeyInfoPem()
        $appId = '0oaPesterResponseApp'
        $appOrg = Start-TestEmulator -Users 10 -Events 0 -ArgumentList '--client-id', $appId, '--public-key', $publicKey, '--scopes', 'okta.users.read okta.users.manage okta.logs.read'
        try {
            $app = Connect-OktaTenant -OrgUrl $appOrg.Url -ClientId $appId -PrivateKeyPath $key -Scope okta.users.read, okta.users.manage, okta.logs.read -PassThru
            $user = Get-OktaUser -Connection $app -Status ACTIVE | Select-Object -First 1
            $null = Revoke-OktaUserSession -Connection $app -UserId $user.Id -Confirm:$false
            $event = Get-OktaSystemLog -Connection $app -Since ([datetime]::UtcNow.AddHours(-1)) -EventType user.session.clear | Select-Object -Last 1
            $event.ActorType | Should -Be 'PublicClientApp'
            $event.ActorId | Should -Be $appId

            $records = $event | Revoke-OktaUserSession -Connection $app -Confirm:$false -Verbose -ErrorVariable failures -ErrorAction SilentlyContinue 4>&1
            Get-RequestLines $records | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'OktaInputIsNotUser,OktaIntegration.Commands.RevokeOktaUserSessionCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failures[0].Exception.Message | Should -BeLike "*actor is the PublicClientApp '$appId', not a user*ActorType -eq 'User'*"

            { Suspend-OktaUser -Connection $app -UserId '0oa1a2b3c4d5e6f7g8h9' -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'OktaInputIsNotUser,OktaIntegration.Commands.SuspendOktaUserCommand'
            { $event | Get-OktaUser -Connection $app -ErrorAction Stop } | Should -Throw -ErrorId 'OktaInputIsNotUser,OktaIntegration.Commands.GetOktaUserCommand'
        }
        finally {
            # Connecting made the app's org the default; the other tests act on the first org.
            Connect-OktaTenant -OrgUrl $script:org.Url -ApiToken $script:org.SecureApiToken
            Stop-TestEmulator $appOrg
        }
    }

    It 'refuses a System Log event whose actor Okta did not resolve (actor id unknown), before any lookup' {
        # Okta writes actor.id 'unknown' for a sign-in with a login it does not know. Looked up,
        # 'unknown' is a login short name that can belong to a real user: never the actor.
        $event = [pscustomobject]@{ EventType = 'user.session.start'; ActorId = 'unknown'; ActorType = 'User'; ActorAlternateId = 'ghost@example.com'; ClientIp = '198.51.100.9' }
        $records = $event | Revoke-OktaUserSession -Confirm:$false -Verbose -ErrorVariable failures -ErrorAction SilentlyContinue 4>&1
        Get-RequestLines $records | Should -BeNullOrEmpty
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'OktaInputIsNotUser,OktaIntegration.Commands.RevokeOktaUserSessionCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].Exception.Message | Should -BeLike "*actor Okta did not resolve to a user (actor id 'unknown')*Revoke-OktaUserSession -UserId 'ghost@example.com'*"
        { $event | Suspend-OktaUser -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'OktaInputIsNotUser,OktaIntegration.Commands.SuspendOktaUserCommand'
        # The same event with the actor Okta did resolve still binds.
        $resolved = [pscustomobject]@{ EventType = 'user.session.start'; ActorId = $active[5].id; ActorType = 'User'; ActorAlternateId = $active[5].profile.login }
        $records = $resolved | Revoke-OktaUserSession -WhatIf -Verbose 4>&1
        (Get-RequestLines $records).Message | Should -BeLike "GET */api/v1/users/$($active[5].id)"
    }

    It 'revokes with -Confirm:$false and writes one result per user' {
        $results = Revoke-OktaUserSession -UserId $active[0].id, $active[1].profile.login -IncludeOAuthTokens -Confirm:$false
        $results | Should -HaveCount 2
        $results[0].UserId | Should -Be $active[0].id
        $results[1].Login | Should -Be $active[1].profile.login
        $results | ForEach-Object { $_.OAuthTokensRevoked | Should -BeTrue; $_.DevicesForgotten | Should -BeFalse; $_.RevokedAt | Should -Not -BeNullOrEmpty }
    }

    It 'sends forgetDevices explicitly either way' {
        $records = Revoke-OktaUserSession -UserId $active[2].id -Confirm:$false -Verbose 4>&1
        (Get-RequestLines $records | Where-Object Message -like 'DELETE *').Message | Should -Match 'forgetDevices=false'
        $records = Revoke-OktaUserSession -UserId $active[2].id -ForgetDevices -Confirm:$false -Verbose 4>&1
        (Get-RequestLines $records | Where-Object Message -like 'DELETE *').Message | Should -Match 'forgetDevices=true'
    }

    It 'binds ActorId from System Log events, not the event''s own id, and revokes a repeated actor once' {
        $events = @(
            [pscustomobject]@{ Id = 'evt-1'; EventType = 'user.session.start'; ActorId = $active[3].id; ClientIp = '198.51.100.7' }
            [pscustomobject]@{ Id = 'evt-2'; EventType = 'user.session.start'; ActorId = $active[3].id; ClientIp = '198.51.100.7' }
            [pscustomobject]@{ Id = 'evt-3'; EventType = 'user.session.start'; ActorId = $active[4].id; ClientIp = '198.51.100.8' }
        )
        $results = $events | Revoke-OktaUserSession -Confirm:$false
        $results.UserId | Should -Be @($active[3].id, $active[4].id)
    }

    It 'binds Id from group members' {
        $members = @(
            [pscustomobject]@{ Id = $active[5].id; Login = $active[5].profile.login; Status = 'ACTIVE' }
            [pscustomobject]@{ Id = $active[6].id; Login = $active[6].profile.login; Status = 'ACTIVE' }
        )
        ($members | Revoke-OktaUserSession -Confirm:$false).UserId | Should -Be @($active[5].id, $active[6].id)
    }

    It 'takes members straight from Get-OktaGroupMember' {
        $group = Invoke-Okta 'api/v1/groups?q=Security%20Operations' | Select-Object -First 1
        $expected = @(Invoke-Okta "api/v1/groups/$($group.id)/users").id
        $results = Get-OktaGroupMember -GroupId $group.id | Revoke-OktaUserSession -Confirm:$false
        $results.UserId | Should -Be $expected
    }

    It 'reports a missing user in the middle of a batch and goes on with the rest' {
        $batch = $active[7].profile.login, 'ghost@example.com', $active[8].profile.login
        $results = $batch | Revoke-OktaUserSession -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $results | Should -HaveCount 2
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'OktaUserNotFound,OktaIntegration.Commands.RevokeOktaUserSessionCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 'ghost@example.com'
        $failures[0].Exception.Message | Should -Match 'ghost@example\.com'
    }
}

Describe 'Suspend-OktaUser and Resume-OktaUser' {
    It 'sends no write with -WhatIf, only the lookup that names the user' {
        $records = Suspend-OktaUser -UserId $active[9].id -WhatIf -Verbose 4>&1
        (Get-RequestLines $records).Message | Should -BeLike "GET */api/v1/users/$($active[9].id)"
        (Invoke-Okta "api/v1/users/$($active[9].id)").status | Should -Be 'ACTIVE'
    }

    It 'suspends with -Confirm:$false, passes the user through, and resumes it' {
        $user = Suspend-OktaUser -UserId $active[9].profile.login -PassThru -Confirm:$false
        $user.Status | Should -Be 'SUSPENDED'
        (Invoke-Okta "api/v1/users/$($active[9].id)").status | Should -Be 'SUSPENDED'
        ($user | Resume-OktaUser -PassThru -Confirm:$false).Status | Should -Be 'ACTIVE'
        (Invoke-Okta "api/v1/users/$($active[9].id)").status | Should -Be 'ACTIVE'
    }

    It 'says clearly why nothing happened for an already suspended user' {
        Suspend-OktaUser -UserId $suspended[0].id -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -HaveCount 1
        $warnings[0] | Should -Match 'already SUSPENDED'
    }

    It 'refuses a user Okta cannot suspend, naming the status' {
        { Suspend-OktaUser -UserId $deprovisioned[0].id -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'OktaUserStateInvalid,OktaIntegration.Commands.SuspendOktaUserCommand' -ExpectedMessage '*DEPROVISIONED*'
    }
}

Describe 'Refusals that name the input, and prompts that name the user' {
    BeforeAll {
        # A fresh non-interactive PowerShell with the module, connected to the emulator: -WhatIf
        # lines and confirmation go to the host, which only a child process's output shows. The
        # token travels in the environment, never on a command line.
        function script:Invoke-ChildSession([string] $Body) {
            $file = Join-Path $TestDrive "child-$([guid]::NewGuid().ToString('n')).ps1"
            @"
`$ErrorActionPreference = 'Continue'
Import-Module '$((Get-OktaTestModulePath) -replace "'", "''")'
Connect-OktaTenant -OrgUrl '$($script:org.Url)' -ApiToken (ConvertTo-SecureString `$env:OKTAINTEGRATION_TEST_TOKEN -AsPlainText -Force)
$Body
"@ | Set-Content -LiteralPath $file
            $env:OKTAINTEGRATION_TEST_TOKEN = $script:org.ApiToken
            try { Invoke-TestPwsh -NoProfile -NonInteractive -File $file 2>&1 | ForEach-Object { "$_" } }
            finally { Remove-Item Env:OKTAINTEGRATION_TEST_TOKEN }
        }
    }

    It 'refuses leading-zero and shortened IPv4 instead of blocking what .NET reads them as' {
        $results = Block-OktaIpAddress -IpAddress '010.0.0.1', '192.168.010.001', '10.1' -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $results | Should -BeNullOrEmpty
        $failures | Should -HaveCount 3
        $failures | ForEach-Object {
            $_.FullyQualifiedErrorId | Should -Be 'OktaAmbiguousIpAddress,OktaIntegration.Commands.BlockOktaIpAddressCommand'
            $_.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
        $failures.TargetObject | Should -Be @('010.0.0.1', '192.168.010.001', '10.1')
        $failures[0].Exception.Message | Should -Match 'leading zero.*8\.0\.0\.1'
        $blocked = (Get-BlockedIpZone).gateways.value
        $blocked | Should -Not -Contain '8.0.0.1'
        $blocked | Should -Not -Contain '192.168.8.1'
    }

    It 'refuses entries that cover every address in any notation, even with -Force' {
        $all = '0.0.0.0-255.255.255.255', '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '0.0.0.0/0'
        $records = $all | Block-OktaIpAddress -Force -Confirm:$false -Verbose -ErrorVariable failures -ErrorAction SilentlyContinue 4>&1
        Get-RequestLines $records | Should -BeNullOrEmpty
        $failures | Should -HaveCount 3
        $failures | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'OktaIpBlockCoversEveryAddress,OktaIntegration.Commands.BlockOktaIpAddressCommand' }
        $failures.TargetObject | Should -Be $all
        (Get-BlockedIpZone).gateways.value | Should -Not -Contain '0.0.0.0-255.255.255.255'
    }

    It 'keeps every address when blocks run at once in parallel runspaces of one process' {
        # The first two zone requests wait before they are served: blocks that read the zone at the
        # same time would each write it back without the other's address.
        $url = $script:org.Url.TrimEnd('/')
        Invoke-RestMethod -Method Post -Uri "$url/emulator/faults/add?kind=Slow&path=/api/v1/zones&count=2&delayMs=300" | Out-Null
        $connection = Get-OktaConnection
        $modulePath = Get-OktaTestModulePath
        $addresses = '198.51.100.201', '198.51.100.202'
        $results = $addresses | ForEach-Object -ThrottleLimit 2 -Parallel {
            Import-Module $using:modulePath
            Block-OktaIpAddress -IpAddress $_ -Connection $using:connection -Confirm:$false
        }
        @($results | Sort-Object IpAddress).Action | Should -Be @('Added', 'Added')
        $gateways = @((Get-BlockedIpZone).gateways.value)
        $gateways | Should -Contain '198.51.100.201'
        $gateways | Should -Contain '198.51.100.202'
        Unblock-OktaIpAddress $addresses -Confirm:$false | Out-Null
    }

    It 'asks for -Force on a block larger than a /8, blocks it with -Force, and unblocks it without' {
        { Block-OktaIpAddress -IpAddress 10.0.0.0/7 -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'OktaIpBlockNeedsForce,OktaIntegration.Commands.BlockOktaIpAddressCommand' -ExpectedMessage '*-Force*'
        (Get-BlockedIpZone).gateways.value | Should -Not -Contain '10.0.0.0/7'
        (Block-OktaIpAddress -IpAddress 10.0.0.0/7 -Force -Confirm:$false).Action | Should -Be 'Added'
        (Unblock-OktaIpAddress -IpAddress 10.0.0.0/7 -Confirm:$false).Action | Should -Be 'Removed'
    }

    It 'turns blank ids from a CSV into errors naming the input and goes on with the other rows' {
        $csv = "UserId,Login`n$($active[0].id),`n,$($active[1].profile.login)`n"" "","
        $results = $csv | ConvertFrom-Csv | Revoke-OktaUserSession -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        @($results).UserId | Should -Be @($active[0].id)
        $failures | Should -HaveCount 2
        $failures | ForEach-Object {
            $_.FullyQualifiedErrorId | Should -Be 'OktaUserIdBlank,OktaIntegration.Commands.RevokeOktaUserSessionCommand'
            $_.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
        $failures.TargetObject | Should -Be @('', ' ')
        $failures[0].Exception.Message | Should -BeLike "*$($active[1].profile.login)*"
    }

    It 'makes Suspend-OktaUser -UserId "`t" an error that shows the tab, not silence' {
        $thrown = { Suspend-OktaUser -UserId "`t" -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'OktaUserIdBlank,OktaIntegration.Commands.SuspendOktaUserCommand' -PassThru
        $thrown.TargetObject | Should -Be "`t"
        $thrown.Exception.Message.Contains('"`t"') | Should -BeTrue
    }

    It 'names piped group members, log actors and typed logins in -WhatIf as the login (id) Okta resolves, with no write' {
        $member = $active[2]; $actor = $active[3]; $typed = $active[4]
        $lines = Invoke-ChildSession @"
[pscustomobject]@{ Id = '$($member.id)'; Login = '$($member.profile.login)'; Status = 'ACTIVE' } | Revoke-OktaUserSession -WhatIf
[pscustomobject]@{ Uuid = 'evt-1'; ActorId = '$($actor.id)'; ActorAlternateId = '$($actor.profile.login)' } | Suspend-OktaUser -WhatIf -Verbose 4>&1 | ForEach-Object { "VERBOSE: `$_" }
Revoke-OktaUserSession -UserId '$($typed.profile.login)' -WhatIf -Verbose 4>&1 | ForEach-Object { "VERBOSE: `$_" }
"@
        $url = $script:org.Url.TrimEnd('/')
        $lines | Should -Contain "What if: Performing the operation ""Revoke all Okta sessions"" on target ""Okta user $($member.profile.login) ($($member.id)) in $url""."
        ($lines | Where-Object { $_ -like 'What if:*' -and $_ -like "*Okta user $($actor.profile.login) ($($actor.id))*" }) | Should -HaveCount 1
        $lines | Should -Contain "What if: Performing the operation ""Revoke all Okta sessions"" on target ""Okta user $($typed.profile.login) ($($typed.id)) in $url""."
        $lines | Where-Object { $_ -match '^VERBOSE: (POST|PUT|DELETE) ' } | Should -BeNullOrEmpty
    }

    It 'names the org the action goes to in -WhatIf, so a second connection cannot be hit unseen' {
        $url = $script:org.Url.TrimEnd('/')
        $lines = Invoke-ChildSession @"
Revoke-OktaUserSession -UserId '$($active[2].id)' -WhatIf
Suspend-OktaUser -UserId '$($active[2].id)' -WhatIf
Resume-OktaUser -UserId '$($suspended[0].id)' -WhatIf
Block-OktaIpAddress 198.51.100.77 -WhatIf
Unblock-OktaIpAddress 198.51.100.77 -WhatIf
"@
        $whatIf = @($lines | Where-Object { $_ -like 'What if:*' })
        $whatIf | Should -HaveCount 5
        $whatIf | ForEach-Object { $_ | Should -BeLike "* in $url""." }
    }

    It 'makes Block-OktaIpAddress ConfirmImpact High: a session that cannot ask changes nothing' {
        $type = (Get-Command Block-OktaIpAddress).ImplementingType
        $type.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        $lines = Invoke-ChildSession "Block-OktaIpAddress -IpAddress 198.51.100.177"
        ($lines -join "`n") | Should -Match 'NonInteractive'
        (Get-BlockedIpZone).gateways.value | Should -Not -Contain '198.51.100.177'
    }
}

Describe 'Block-OktaIpAddress and Unblock-OktaIpAddress' {
    It 'sends no request with -WhatIf when fed security.threat.detected events' {
        $events = @(
            [pscustomobject]@{ EventType = 'security.threat.detected'; ActorId = 'unknown'; ClientIp = '203.0.113.50' }
            [pscustomobject]@{ EventType = 'security.threat.detected'; ActorId = 'unknown'; ClientIp = '2001:db8::50' }
        )
        $records = $events | Block-OktaIpAddress -WhatIf -Verbose 4>&1
        Get-RequestLines $records | Should -BeNullOrEmpty
        (Get-BlockedIpZone).gateways.value | Should -Not -Contain '203.0.113.50'
    }

    It 'blocks ClientIp from log events in one write, skipping repeats and reporting bad addresses' {
        $events = @(
            [pscustomobject]@{ EventType = 'security.threat.detected'; ClientIp = '203.0.113.60' }
            [pscustomobject]@{ EventType = 'security.threat.detected'; ClientIp = '203.0.113.60' }
            [pscustomobject]@{ EventType = 'security.threat.detected'; ClientIp = '2001:db8::60' }
            [pscustomobject]@{ EventType = 'security.threat.detected'; ClientIp = '999.1.1.1' }
        )
        $records = $events | Block-OktaIpAddress -Confirm:$false -Verbose -ErrorVariable failures -ErrorAction SilentlyContinue 4>&1
        $results = @($records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $results.IpAddress | Should -Be @('203.0.113.60', '2001:db8::60')
        $results.Action | Should -Be @('Added', 'Added')
        @(Get-RequestLines $records | Where-Object Message -like 'PUT *') | Should -HaveCount 1
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'OktaInvalidIpAddress,OktaIntegration.Commands.BlockOktaIpAddressCommand'
        (Get-BlockedIpZone).gateways.value | Should -Contain '203.0.113.60'
    }

    It 'is idempotent' {
        # The second notation is the same address, so it is dropped from the list before any call.
        $again = @(Block-OktaIpAddress -IpAddress 203.0.113.60, 203.0.113.60/32 -Confirm:$false)
        $again | Should -HaveCount 1
        $again[0].Action | Should -Be 'AlreadyBlocked'
    }

    It 'unblocks, and reports addresses that were not blocked' {
        $results = Unblock-OktaIpAddress -IpAddress 203.0.113.60, 198.51.100.250 -Confirm:$false
        $results.Action | Should -Be @('Removed', 'NotBlocked')
        (Get-BlockedIpZone).gateways.value | Should -Not -Contain '203.0.113.60'
    }

    It 'refuses to take a blocklist past 1000 entries and changes nothing' {
        $zone = Get-BlockedIpZone
        $zone.gateways = @(0..999 | ForEach-Object { @{ type = 'RANGE'; value = "10.$([math]::Floor($_ / 256)).$($_ % 256).1" } })
        $zone.PSObject.Properties.Remove('_links')
        $null = Invoke-Okta "api/v1/zones/$($zone.id)" -Method PUT -Body $zone
        { Block-OktaIpAddress -IpAddress 198.51.100.99 -Confirm:$false } |
            Should -Throw -ErrorId 'OktaBlocklistLimitExceeded,OktaIntegration.Commands.BlockOktaIpAddressCommand'
        (Get-BlockedIpZone).gateways | Should -HaveCount 1000
    }
}
