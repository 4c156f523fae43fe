# Invoke-OktaRestMethod: any Okta path through the connection, against the emulator.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OktaTestModule
    $script:org = Start-TestEmulator -Events 20 -Users 30
    Connect-OktaTenant -OrgUrl $script:org.Url -ApiToken $script:org.SecureApiToken
}

AfterAll {
    Disconnect-OktaTenant -ErrorAction SilentlyContinue
    Stop-TestEmulator $script:org
}

Describe 'Invoke-OktaRestMethod' {
    It 'writes a JSON array item by item as objects' {
        $users = @(Invoke-OktaRestMethod /api/v1/users?limit=3)
        $users | Should -HaveCount 3
        $users[0].id | Should -Match '^00u'
        $users[0].profile.login | Should -Match '@'
    }

    It 'follows every next link with -All' {
        $truth = @(Invoke-TestEmulatorApi -Emulator $script:org -Path 'api/v1/groups?limit=200')
        $all = @(Invoke-OktaRestMethod 'api/v1/groups?limit=2' -All)
        $all.Count | Should -Be $truth.Count
        $all.Count | Should -BeGreaterThan 2
        ($all.id | Sort-Object) | Should -Be ($truth.id | Sort-Object)
        @(Invoke-OktaRestMethod 'api/v1/groups?limit=2') | Should -HaveCount 2 -Because 'without -All only the first page is read'
    }

    It 'writes the body as text with -OutputType Json' {
        $json = Invoke-OktaRestMethod /api/v1/groups?limit=1 -OutputType Json
        $json | Should -BeOfType ([string])
        @($json | ConvertFrom-Json) | Should -HaveCount 1
    }

    It 'sends a hashtable body as JSON with PUT, and -WhatIf sends nothing' {
        $zone = Invoke-TestEmulatorApi -Emulator $script:org -Path 'api/v1/zones' | Where-Object name -eq 'BlockedIpZone'
        $body = @{ type = 'IP'; name = 'BlockedIpZone'; usage = 'BLOCKLIST'; status = $zone.status; gateways = @(@{ type = 'CIDR'; value = '198.51.100.201/32' }) }

        Invoke-OktaRestMethod "/api/v1/zones/$($zone.id)" -Method PUT -Body $body -WhatIf
        (Invoke-TestEmulatorApi -Emulator $script:org -Path "api/v1/zones/$($zone.id)").gateways.value | Should -Not -Contain '198.51.100.201/32'

        $written = Invoke-OktaRestMethod "/api/v1/zones/$($zone.id)" -Method PUT -Body $body -Confirm:$false
        $written.gateways.value | Should -Contain '198.51.100.201/32'
        (Invoke-TestEmulatorApi -Emulator $script:org -Path "api/v1/zones/$($zone.id)").gateways.value | Should -Contain '198.51.100.201/32'
    }

    It 'sends a JSON string body as given' {
        $zone = Invoke-TestEmulatorApi -Emulator $script:org -Path 'api/v1/zones' | Where-Object name -eq 'BlockedIpZone'
        $json = '{"type":"IP","name":"BlockedIpZone","usage":"BLOCKLIST","gateways":[{"type":"CIDR","value":"198.51.100.202/32"}]}'
        $written = Invoke-OktaRestMethod "/api/v1/zones/$($zone.id)" -Method PUT -Body $json -Confirm:$false
        $written.gateways.value | Should -Be @('198.51.100.202/32')
    }

    It 'refuses an absolute URL on another origin before sending' {
        { Invoke-OktaRestMethod 'https://evil.example.com/api/v1/users' } |
            Should -Throw -ErrorId 'OktaCrossOriginUrl,OktaIntegration.Commands.InvokeOktaRestMethodCommand'
    }

    It 'accepts an absolute URL on the connected org' {
        @(Invoke-OktaRestMethod "$($script:org.Url)/api/v1/users?limit=1") | Should -HaveCount 1
    }

    It 'does not send a POST again when its answer was lost, but retries a GET' {
        $url = $script:org.Url.TrimEnd('/')
        $user = Invoke-TestEmulatorApi -Emulator $script:org -Path 'api/v1/users?limit=200' | Where-Object status -eq 'ACTIVE' | Select-Object -Last 1
        $suspend = "/api/v1/users/$($user.id)/lifecycle/suspend"
        # Okta carries the suspension out, then the connection is cut mid-answer.
        Invoke-RestMethod -Method Post -Uri "$url/emulator/faults/add?kind=ResetMidBody&path=$suspend" | Out-Null
        $caught = $null
        try { Invoke-OktaRestMethod $suspend -Method POST -Confirm:$false -WarningAction SilentlyContinue } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.Exception.Message | Should -BeLike '*not sent again*'
        # Carried out once; sent again it would have been refused as already suspended.
        (Invoke-TestEmulatorApi -Emulator $script:org -Path "api/v1/users/$($user.id)").status | Should -Be 'SUSPENDED'

        Invoke-RestMethod -Method Post -Uri "$url/emulator/faults/add?kind=ServerError&path=/api/v1/users/$($user.id)" | Out-Null
        (Invoke-OktaRestMethod "/api/v1/users/$($user.id)").id | Should -Be $user.id
    }

    It 'throws OktaRequestException with Okta''s error for a failed call' {
        $caught = $null
        try { Invoke-OktaRestMethod /api/v1/groups/00gnosuchgroup0000000 } catch [OktaIntegration.OktaRequestException] { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.Exception.StatusCode | Should -Be 404
        $caught.Exception.ErrorCode | Should -Be 'E0000007'
        $caught.FullyQualifiedErrorId | Should -Be 'OktaNotFound,OktaIntegration.Commands.InvokeOktaRestMethodCommand'
    }
}
