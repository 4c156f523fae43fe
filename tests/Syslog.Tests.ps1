#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    Export-OktaSystemLog to a real rsyslogd over TCP, started here in the foreground with its own
    config, pid file and work directory in a temp folder, writing what it receives to a file; then
    a second run that delivers only what is new. Ground truth comes from the emulator's API. Where
    rsyslogd is not installed, the receiver tests are skipped with the reason. Also the specific
    error ids of New-OktaSyslogDestination.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OktaTestModule
    $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ("okta-syslog-pester-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:work | Out-Null
    $script:missing = Get-TestRsyslogMissingReason

    # The uuid of every message rsyslog wrote (JSON payload, Raw schema), once at least $Count are there:
    # the batch was acknowledged when imtcp had read it; omfile writes it a moment later.
    function script:Get-ReceivedUuids($Receiver, [int] $Count) {
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        do {
            $lines = @(if (Test-Path -LiteralPath $Receiver.Received) { Get-Content -LiteralPath $Receiver.Received })
            if ($lines.Count -ge $Count) { break }
            Start-Sleep -Milliseconds 50
        } while ([DateTime]::UtcNow -lt $deadline)
        @($lines | ForEach-Object { ($_ -replace '^<\d+>1 \S+ \S+ \S+ \S+ \S+ - ', '' | ConvertFrom-Json).uuid })
    }
}

AfterAll {
    Remove-Item -LiteralPath $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Export-OktaSystemLog to rsyslog over TCP' {
    BeforeAll {
        if (-not $script:missing) {
            $script:org = Start-TestEmulator -Events 300 -Users 20
            Connect-OktaTenant -OrgUrl $script:org.Url -ApiToken $script:org.SecureApiToken
            $script:receiver = Start-TestRsyslog (Join-Path $script:work 'rsyslog')
        }
    }

    AfterAll {
        Stop-TestRsyslog $script:receiver
        if ($script:org) { Disconnect-OktaTenant; Stop-TestEmulator $script:org }
    }

    It 'delivers every event once, and a second run only the new ones' {
        if ($script:missing) { Set-ItResult -Skipped -Because $script:missing; return }
        $since = [DateTimeOffset]::UtcNow.AddDays(-31)
        $truth = {
            $from = $since.ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [cultureinfo]::InvariantCulture)
            $until = [DateTimeOffset]::UtcNow.AddMinutes(1).ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [cultureinfo]::InvariantCulture)
            @(Invoke-TestEmulatorApi -Emulator $script:org -Path "/api/v1/logs?since=$from&until=$until&limit=1000" | ForEach-Object { $_.uuid })
        }
        $syslog = New-OktaSyslogDestination -Server 127.0.0.1 -Port $script:receiver.Port -Transport Tcp
        $cursor = Join-Path $script:work 'syslog.cursor'

        $first = Export-OktaSystemLog -Destination $syslog -CursorPath $cursor -Since $since
        $first.Succeeded | Should -BeTrue -Because $first.Error
        $expected = & $truth
        $first.Acknowledged | Should -Be $expected.Count
        $received = Get-ReceivedUuids $script:receiver $expected.Count
        @(Compare-Object $expected $received).Count | Should -Be 0

        # Two new events, written by the emulator for a response action: suspend, then resume.
        $user = Get-OktaGroup | Select-Object -First 1 | Get-OktaGroupMember | Where-Object Status -eq 'ACTIVE' | Select-Object -First 1
        $user | Suspend-OktaUser -Confirm:$false | Out-Null
        $user | Resume-OktaUser -Confirm:$false | Out-Null
        $second = Export-OktaSystemLog -Destination $syslog -CursorPath $cursor -Since $since
        $second.Succeeded | Should -BeTrue -Because $second.Error
        $second.Acknowledged | Should -Be 2
        $expected = & $truth
        $received = Get-ReceivedUuids $script:receiver $expected.Count
        $received.Count | Should -Be $expected.Count -Because 'the second run sends only what is new'
        @(Compare-Object $expected $received).Count | Should -Be 0
    }
}

Describe 'New-OktaSyslogDestination' {
    It 'makes a TLS destination on port 6514 by default, AuthPriv, JSON' {
        $syslog = New-OktaSyslogDestination -Server syslog.corp.example
        $syslog.Port | Should -Be 6514
        $syslog.Transport | Should -Be 'Tls'
        $syslog.Facility | Should -Be 'AuthPriv'
        $syslog.Format | Should -Be 'Json'
        $syslog.Deduplicates | Should -BeFalse
    }

    It 'fails with <Id> for <Case>' -ForEach @(
        @{ Case = 'a CA file with plain TCP'; Id = 'OktaSyslogCaWithoutTls'; Category = 'InvalidArgument'; Arguments = @{ Transport = 'Tcp'; TrustedCertificateAuthorityPath = 'ca.pem' } }
        @{ Case = 'a CA file that does not exist'; Id = 'OktaSyslogCaFileNotFound'; Category = 'ObjectNotFound'; Arguments = @{ TrustedCertificateAuthorityPath = 'missing-ca.pem' } }
        @{ Case = 'a CA file with no certificate'; Id = 'OktaSyslogCaFileInvalid'; Category = 'InvalidData'; Arguments = @{ TrustedCertificateAuthorityPath = 'not-a-cert.pem' } }
        @{ Case = 'an app name with a space'; Id = 'OktaInvalidSyslogHeader'; Category = 'InvalidArgument'; Arguments = @{ AppName = 'okta relay' } }
        @{ Case = 'an SD-ID without enterprise number'; Id = 'OktaInvalidSyslogHeader'; Category = 'InvalidArgument'; Arguments = @{ StructuredDataId = 'okta' } }
    ) {
        Set-Content -LiteralPath (Join-Path $TestDrive 'not-a-cert.pem') -Value 'this is not a certificate'
        Push-Location -LiteralPath $TestDrive
        try {
            $failure = { New-OktaSyslogDestination -Server 127.0.0.1 @Arguments } | Should -Throw -PassThru
        }
        finally { Pop-Location }
        $failure.FullyQualifiedErrorId | Should -Be "$Id,OktaIntegration.Commands.NewOktaSyslogDestinationCommand"
        $failure.CategoryInfo.Category | Should -Be $Category
    }
}
