#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    New-OktaSentinelDestination with an Entra certificate credential, from a clean session against
    the emulator process, whose Entra app has the test's certificate registered (--entra-certificate).
    The certificate is made at test time; no key is kept on disk.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OktaTestModule
    $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ("okta-sentinel-pester-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:work | Out-Null

    function script:New-TestCertificate([string] $Name) {
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new("CN=$Name", $rsa,
            [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(30))
    }

    $script:certificate = New-TestCertificate 'okta-sentinel-pester'
    $certificatePath = Join-Path $script:work 'entra-app.cer'
    Set-Content -LiteralPath $certificatePath -Value $script:certificate.ExportCertificatePem()
    $script:org = Start-TestEmulator -Events 150 -ArgumentList '--entra-certificate', $certificatePath
    $script:url = $script:org.Url.TrimEnd('/')
    Connect-OktaTenant -OrgUrl $script:url -ApiToken $script:org.SecureApiToken -InformationAction Ignore
    $script:since = [DateTimeOffset]::UtcNow.AddDays(-31)
    # The emulator's Entra app and data collection rule (SentinelIngestionReceiver).
    $script:sentinel = @{
        Endpoint       = $script:url
        Authority      = $script:url
        DcrImmutableId = 'dcr-00000000000000000000000000000001'
        Stream         = 'Custom-OktaSystemLog'
        TenantId       = '00000000-aaaa-bbbb-cccc-000000000001'
        ClientId       = '11111111-aaaa-bbbb-cccc-000000000002'
    }
}

AfterAll {
    Disconnect-OktaTenant
    Stop-TestEmulator $script:org
    Remove-Item -LiteralPath $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'New-OktaSentinelDestination -Certificate' {
    It 'signs in with a client assertion and delivers every event' {
        $destination = New-OktaSentinelDestination @script:sentinel -Certificate $script:certificate
        $destination.CredentialKind | Should -Be "certificate $($script:certificate.Thumbprint)"
        $summary = Export-OktaSystemLog -Destination $destination -Schema Asim -CursorPath (Join-Path $script:work 'sentinel.cursor') -Since $script:since
        $summary.Succeeded | Should -BeTrue
        $until = [DateTimeOffset]::UtcNow.AddMinutes(1).ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [cultureinfo]::InvariantCulture)
        $from = $script:since.ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [cultureinfo]::InvariantCulture)
        $truth = @(Invoke-TestEmulatorApi -Emulator $script:org -Path "/api/v1/logs?since=$from&until=$until&limit=1000" | ForEach-Object { $_.uuid })
        $rows = @(Invoke-TestEmulatorApi -Emulator $script:org -Path '/emulator/sentinel/rows' | ForEach-Object { $_.EventOriginalUid })
        $rows.Count | Should -Be $truth.Count
        @(Compare-Object $truth $rows).Count | Should -Be 0
    }

    It 'stops the run with OktaExportFailed and Entra''s AADSTS700027 for a certificate the app does not have' {
        $destination = New-OktaSentinelDestination @script:sentinel -Certificate (New-TestCertificate 'not-registered')
        $cursor = Join-Path $script:work 'unregistered.cursor'
        $summary = Export-OktaSystemLog -Destination $destination -CursorPath $cursor -Since $script:since -ErrorVariable failures -ErrorAction SilentlyContinue
        $summary.Succeeded | Should -BeFalse
        $failures[0].FullyQualifiedErrorId | Should -Be 'OktaExportFailed,OktaIntegration.Commands.ExportOktaSystemLogCommand'
        "$($failures[0])" | Should -Match 'AADSTS700027'
        # A refused credential is final: the run stops at the first send, with no retries and backoff.
        $summary.BatchesRetried | Should -Be 0
        $summary.SendFailures | Should -Be 0
        Test-Path -LiteralPath $cursor | Should -BeFalse
    }

    It 'refuses <Case> with OktaInvalidDestination' -ForEach @(
        @{ Case = 'a certificate without its private key'; Arguments = @{ Certificate = 'public-only' } }
        @{ Case = 'a thumbprint that is in no certificate store'; Arguments = @{ CertificateThumbprint = '00112233445566778899AABBCCDDEEFF00112233' } }
    ) {
        if ($Arguments.Certificate) {
            $Arguments = @{ Certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($script:certificate.RawData) }
        }
        { New-OktaSentinelDestination @script:sentinel @Arguments } |
            Should -Throw -ErrorId 'OktaInvalidDestination,OktaIntegration.Commands.NewOktaSentinelDestinationCommand'
    }
}
