# Errors a script can handle: by a type it can name (catch [OktaIntegration.OktaException] and
# its kinds work on PowerShell 7 although Core is isolated) and by the stable error id.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OktaTestModule
    $script:org = Start-TestEmulator -Events 50 -Users 20
    Connect-OktaTenant -OrgUrl $script:org.Url -ApiToken $script:org.SecureApiToken
}

AfterAll {
    Disconnect-OktaTenant -ErrorAction SilentlyContinue
    Stop-TestEmulator $script:org
}

Describe 'Errors a script can catch by type' {
    It 'catches a failed Okta call as [OktaIntegration.OktaRequestException] with Okta''s details' {
        $caught = $null
        try {
            Get-OktaSystemLog -Since (Get-Date).AddHours(-1) -Filter 'this is not a filter' -ErrorAction Stop
        }
        catch [OktaIntegration.OktaRequestException] {
            $caught = $_
        }
        $caught | Should -Not -BeNullOrEmpty -Because 'the type literal must resolve and match'
        $caught.Exception.StatusCode | Should -Be 400
        $caught.Exception.ErrorCode | Should -Match '^E\d{7}$'
        $caught.Exception.ErrorSummary | Should -Not -BeNullOrEmpty
        $caught.Exception.ErrorId | Should -Not -BeNullOrEmpty
        $caught.Exception.RequestId | Should -Not -BeNullOrEmpty
        $caught.Exception | Should -BeOfType ([OktaIntegration.OktaException])
        $caught.FullyQualifiedErrorId | Should -Be 'OktaInvalidRequest,OktaIntegration.Commands.GetOktaSystemLogCommand'
    }

    It 'catches a missing group as [OktaIntegration.OktaNotFoundException] and as [OktaIntegration.OktaException]' {
        $specific = $null
        try { Get-OktaGroup -Id 00gmissing0000000000 -ErrorAction Stop } catch [OktaIntegration.OktaNotFoundException] { $specific = $_ }
        $specific | Should -Not -BeNullOrEmpty
        $specific.TargetObject | Should -Be '00gmissing0000000000'

        $general = $null
        try { Get-OktaGroup -Id 00gmissing0000000000 -ErrorAction Stop } catch [OktaIntegration.OktaException] { $general = $_ }
        $general | Should -Not -BeNullOrEmpty
    }

    It 'keeps the Core exception as the inner exception' {
        $caught = $null
        try { Get-OktaGroup -Id 00gmissing0000000000 -ErrorAction Stop } catch { $caught = $_ }
        $caught.Exception.InnerException.GetType().FullName | Should -Be 'OktaIntegration.Core.Groups.OktaGroupNotFoundException'
    }

    It 'reports a non-terminating error with a public exception type too' {
        Get-OktaGroup -Id 00gmissing0000000000 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 1
        $failures[0].Exception.GetType().FullName | Should -Be 'OktaIntegration.OktaNotFoundException'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Errors a script can assert by id' {
    It 'Should -Throw -ErrorId matches a terminating error' {
        { Get-OktaSystemLog -Since (Get-Date).AddHours(-1) -Filter 'this is not a filter' } |
            Should -Throw -ErrorId 'OktaInvalidRequest,OktaIntegration.Commands.GetOktaSystemLogCommand' -ExceptionType ([OktaIntegration.OktaRequestException])
    }

    It 'Should -Throw -ErrorId matches a non-terminating error made terminating with -ErrorAction Stop' {
        { Get-OktaGroup -Id 00gmissing0000000000 -ErrorAction Stop } |
            Should -Throw -ErrorId 'OktaGroupNotFound,OktaIntegration.Commands.GetOktaGroupCommand' -ExceptionType ([OktaIntegration.OktaNotFoundException])
    }
}
