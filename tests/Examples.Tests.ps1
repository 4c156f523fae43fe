<#
    Every example in the help runs against the emulator and produces what it claims.

    Discovered, not listed: each "### Example" code block in docs/cmdlets/*.md (so a new cmdlet's
    examples are picked up), and each block of about_OktaIntegration indented 8 spaces under a line
    that ends with ':'. They run in order, in ONE child PowerShell (a user's session: host output
    such as -WhatIf text is captured), each in its own empty folder, connected to the emulator.

    The examples are written for the emulator as about_OktaIntegration starts it
    (http://127.0.0.1:8080, token 00demo-token); this test substitutes:
      http://127.0.0.1:8080, https://acme.okta.com, https://acme.oktapreview.com -> the emulator's URL
      C:\ProgramData\Okta\        -> the example's folder (holding siem.pem and mapping.json)
      Get-Secret                  -> a function returning the emulator's token
    and registers the service app of the private-key examples (client 0oa1b2c3d4e5f6g7h8i9, key
    id siem-2026, ./okta-siem.pem).

    Examples that send to syslog (a line "# Needs an rsyslog listening on 127.0.0.1:10514") run
    against a real rsyslogd started here on a free port, which replaces 10514; where rsyslogd is
    not installed they are skipped with the reason.

    An example passes when it writes no error and shows something: output (any stream), or a file
    it created that is not empty (a CSV needs a data row); examples of a cmdlet declared with no
    output may show nothing. An example that cannot run here says so in a line
    "# Not run against the emulator: <reason>"; use it sparingly.
#>

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:examples = Get-HelpExample
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:examples = Get-HelpExample
    Import-OktaTestModule
    $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ("okta-examples-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:work | Out-Null

    # The service app of the private-key examples: its key pair, the public half as a JWK with the documented kid.
    $rsa = [System.Security.Cryptography.RSA]::Create(2048)
    $script:privatePem = $rsa.ExportPkcs8PrivateKeyPem()
    $parameters = $rsa.ExportParameters($false)
    $b64 = { param($bytes) [Convert]::ToBase64String($bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
    $jwkPath = Join-Path $script:work 'siem-2026.jwk.json'
    Set-Content -LiteralPath $jwkPath -Value (@{ kty = 'RSA'; kid = 'siem-2026'; use = 'sig'; alg = 'RS256'; n = (& $b64 $parameters.Modulus); e = (& $b64 $parameters.Exponent) } | ConvertTo-Json -Compress)
    $script:rsyslogMissing = Get-TestRsyslogMissingReason
    $script:rsyslog = if (-not $script:rsyslogMissing) { Start-TestRsyslog (Join-Path $script:work 'rsyslog') }
    $script:org = Start-TestEmulator -ApiToken '00demo-token' -ArgumentList '--client-id', '0oa1b2c3d4e5f6g7h8i9', '--public-key', $jwkPath, '--scopes', 'okta.logs.read okta.groups.read okta.users.read'

    # One child PowerShell runs every example in order; markers split its output per example.
    $runner = [System.Text.StringBuilder]::new()
    [void]$runner.AppendLine("`$ProgressPreference = 'SilentlyContinue'")
    [void]$runner.AppendLine("Import-Module '$((Get-OktaTestModulePath) -replace "'", "''")' -ErrorAction Stop")
    # Examples may show Pester assertions (Should -Throw -ErrorId): the suite's own Pester.
    if ($env:OKTAINTEGRATION_PESTER_MODULE) { [void]$runner.AppendLine("Import-Module '$($env:OKTAINTEGRATION_PESTER_MODULE -replace "'", "''")'") }
    [void]$runner.AppendLine("`$env:PSModulePath = '$((Split-Path -Parent (Split-Path -Parent (Get-OktaTestModulePath))) -replace "'", "''")' + [IO.Path]::PathSeparator + `$env:PSModulePath")
    [void]$runner.AppendLine("function Get-Secret { param([Parameter(Position = 0)] `$Name) ConvertTo-SecureString '00demo-token' -AsPlainText -Force }")
    [void]$runner.AppendLine("`$env:OKTA_ORG_URL = '$($script:org.Url)'; `$env:OKTA_API_TOKEN = '00demo-token'")
    $script:folders = @{}
    $index = 0
    foreach ($example in $script:examples) {
        $index++
        if ($example.Code -match '(?m)^\s*# Not run against the emulator:') { continue }
        $needsRsyslog = $example.Code -match '(?m)^\s*# Needs an rsyslog listening on 127\.0\.0\.1:10514'
        if ($needsRsyslog -and -not $script:rsyslog) { continue }
        $folder = Join-Path $script:work ("example-$index")
        New-Item -ItemType Directory -Path (Join-Path $folder 'out') | Out-Null
        Set-Content -LiteralPath (Join-Path $folder 'okta-siem.pem') -Value $script:privatePem
        Set-Content -LiteralPath (Join-Path $folder 'siem.pem') -Value $script:privatePem
        Set-Content -LiteralPath (Join-Path $folder 'mapping.json') -Value '{ "TL-Admins": "Administrator", "TL-Helpdesk": ["Helpdesk", "Read Only"] }'
        $script:folders[$example.Name] = $folder
        $code = $example.Code.
            Replace('http://127.0.0.1:8080', $script:org.Url).
            Replace('https://acme.okta.com', $script:org.Url).
            Replace('https://acme.oktapreview.com', $script:org.Url).
            Replace('C:\ProgramData\Okta\', "$folder/")
        if ($needsRsyslog) { $code = $code.Replace('10514', "$($script:rsyslog.Port)") }
        Set-Content -LiteralPath (Join-Path $folder 'example.ps1') -Value $code
        [void]$runner.AppendLine(@"
Write-Host '<<<EXAMPLE $index>>>'
Connect-OktaTenant -OrgUrl '$($script:org.Url)' -ApiToken (Get-Secret demo)
Set-Location -LiteralPath '$folder'
try {
    # Every stream, so -Verbose output counts as shown; an error record in it was not handled by the example.
    `$items = @(& '$folder/example.ps1' *>&1)
    foreach (`$item in `$items) { if (`$item -is [System.Management.Automation.ErrorRecord]) { Write-Host "<<<ERROR>>> `$item" } }
    `$items | Where-Object { `$_ -isnot [System.Management.Automation.ErrorRecord] } | Out-Host
}
catch { Write-Host "<<<THREW>>> `$_" }
"@)
    }
    [void]$runner.AppendLine("Write-Host '<<<END>>>'")
    $runnerPath = Join-Path $script:work 'run-examples.ps1'
    Set-Content -LiteralPath $runnerPath -Value $runner.ToString()
    $output = Invoke-TestPwsh -NoProfile -NonInteractive -File $runnerPath 2>&1 | ForEach-Object { "$_" }
    $script:transcript = $output -join "`n"
    $script:results = @{}
    $index = 0
    foreach ($example in $script:examples) {
        $index++
        $m = [regex]::Match($script:transcript, "(?s)<<<EXAMPLE $index>>>\n(.*?)(?=<<<EXAMPLE \d+>>>|<<<END>>>|\z)")
        if ($m.Success) { $script:results[$example.Name] = $m.Groups[1].Value }
    }
}

AfterAll {
    Stop-TestEmulator $script:org
    Stop-TestRsyslog $script:rsyslog
    Remove-Item -LiteralPath $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Help example <Name>' -ForEach $script:examples {
    It 'runs against the emulator and shows what it claims' {
        if ($Code -match '(?m)^\s*# Not run against the emulator:\s*(\S.*)$') {
            Set-ItResult -Skipped -Because $Matches[1]
            return
        }
        if ($Code -match '(?m)^\s*# Needs an rsyslog listening on 127\.0\.0\.1:10514' -and $script:rsyslogMissing) {
            Set-ItResult -Skipped -Because $script:rsyslogMissing
            return
        }
        $script:results.ContainsKey($Name) | Should -BeTrue -Because "the example must have run; child output:`n$($script:transcript)"
        $shown = $script:results[$Name]
        $shown | Should -Not -Match '<<<(ERROR|THREW)>>>' -Because "the example must run without errors:`n$Code`n---`n$shown"
        $folder = $script:folders[$Name]
        $fixtures = 'example.ps1', 'okta-siem.pem', 'siem.pem', 'mapping.json'
        # Lock files are left empty on purpose (their presence is the lock).
        $created = @(Get-ChildItem -LiteralPath $folder -Recurse -File | Where-Object { $_.Name -notin $fixtures -and $_.Extension -ne '.lock' })
        foreach ($file in $created) {
            $file.Length | Should -BeGreaterThan 0 -Because "$($file.Name) was written empty"
            if ($file.Extension -eq '.csv') {
                @(Get-Content -LiteralPath $file.FullName).Count | Should -BeGreaterThan 1 -Because "$($file.Name) must hold at least one row, not only the header"
            }
        }
        # A cmdlet that declares no output (Disconnect-OktaTenant) may show nothing; every other example must.
        $silent = $Cmdlet -and @((Get-Command $Cmdlet).OutputType | Where-Object { $_.Type -eq [void] }).Count -gt 0
        if ($silent) { return }
        ($shown.Trim().Length -gt 0 -or $created.Count -gt 0) | Should -BeTrue -Because "the example must show something or write a file:`n$Code"
    }
}
