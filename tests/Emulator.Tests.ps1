# The emulator as a program: it must stop the way services and CI runners stop things.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'The emulator program' {
    # A signal goes to the process we started: with $env:OKTAINTEGRATION_EMULATOR (build.ps1 -Task
    # Test) that is the emulator itself; `dotnet run` would put the SDK in between.
    It 'exits with code 0 soon after SIGTERM' -Skip:($IsWindows -or -not $env:OKTAINTEGRATION_EMULATOR) {
        $emulator = Start-TestEmulator -Events 10 -Users 5
        try {
            $emulator.Process.HasExited | Should -BeFalse
            & kill -TERM $emulator.Process.Id
            $LASTEXITCODE | Should -Be 0
            # Generous: a clean stop takes well under a second; an emulator that ignores SIGTERM never exits.
            $emulator.Process.WaitForExit(30000) | Should -BeTrue -Because 'the emulator must stop on SIGTERM'
            $emulator.Process.ExitCode | Should -Be 0
        }
        finally {
            Stop-TestEmulator $emulator
        }
    }

    It 'exits with code 0 soon after SIGINT (Ctrl+C)' -Skip:($IsWindows -or -not $env:OKTAINTEGRATION_EMULATOR) {
        $emulator = Start-TestEmulator -Events 10 -Users 5
        try {
            & kill -INT $emulator.Process.Id
            $emulator.Process.WaitForExit(30000) | Should -BeTrue -Because 'the emulator must stop on Ctrl+C'
            $emulator.Process.ExitCode | Should -Be 0
        }
        finally {
            Stop-TestEmulator $emulator
        }
    }
}
