<#
    Shared helpers for the Pester suite (tests/*.Tests.ps1). Dot-source it in BeforeAll:

        BeforeAll {
            . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
            Import-OktaTestModule
            $script:org = Start-TestEmulator -Events 500
            Connect-OktaTenant -OrgUrl $script:org.Url -ApiToken $script:org.SecureApiToken
        }
        AfterAll {
            Disconnect-OktaTenant
            Stop-TestEmulator $script:org
        }

    The emulator is the real program (src/OktaIntegration.Emulator) on 127.0.0.1 with a port
    the OS picks. build.ps1 -Task Test builds it once and sets $env:OKTAINTEGRATION_EMULATOR to
    its dll; without that (running Invoke-Pester by hand) it falls back to `dotnet run`.
#>

$script:OktaTestRepositoryRoot = Split-Path -Parent $PSScriptRoot

function Get-OktaTestRepositoryRoot {
    $script:OktaTestRepositoryRoot
}

function Get-OktaTestModulePath {
    # The built module; build.ps1 (task Build) makes it.
    $path = Join-Path $script:OktaTestRepositoryRoot 'out/OktaIntegration/OktaIntegration.psd1'
    if (-not (Test-Path -LiteralPath $path)) {
        throw "The module is not built: run 'dotnet tool restore; dotnet pwsh ./build.ps1' first ($path is missing)."
    }
    $path
}

function Invoke-TestPwsh {
    <#
        Runs a fresh PowerShell of the running version with the given arguments and returns its
        output. Under the pinned .NET tool (`dotnet pwsh`) the process is dotnet, so the process
        path cannot name pwsh; $PSHOME can: a native install has the pwsh executable there, the
        .NET tool package has pwsh.dll for dotnet to run. build.ps1 decides the same way.
    #>
    $native = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
    if (Test-Path -LiteralPath $native -PathType Leaf) { & $native @args }
    else { & dotnet (Join-Path $PSHOME 'pwsh.dll') @args }
}

function Start-TestPwsh {
    <#
        Starts a fresh PowerShell like Invoke-TestPwsh, but returns its running Process instead of
        waiting: crash tests kill it (Process.Kill is SIGKILL outside Windows). Under `dotnet pwsh`
        the child is `dotnet pwsh.dll`, which runs PowerShell in that same process, so the kill
        hits the exporter itself.
    #>
    param([Parameter(Mandatory)] [string[]] $ArgumentList)
    $native = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
    $start = [System.Diagnostics.ProcessStartInfo]::new()
    $start.UseShellExecute = $false
    if (Test-Path -LiteralPath $native -PathType Leaf) { $start.FileName = $native }
    else {
        $start.FileName = 'dotnet'
        $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
    }
    foreach ($argument in $ArgumentList) { $start.ArgumentList.Add($argument) }
    [System.Diagnostics.Process]::Start($start)
}

function Import-OktaTestModule {
    Import-Module (Get-OktaTestModulePath) -Force -ErrorAction Stop
}

function Start-TestEmulator {
    <#
    .SYNOPSIS
        Starts the emulator program and waits until it accepts requests.
    .OUTPUTS
        An object with Url, ApiToken, SecureApiToken, Process and OutputPath; pass it to Stop-TestEmulator.
    .EXAMPLE
        $org = Start-TestEmulator -Events 2000 -ArgumentList '--client-id', '0oaApp', '--public-key', $pem, '--scopes', 'okta.logs.read'
    #>
    [CmdletBinding()]
    param(
        # The SSWS token the emulator accepts; a random one by default.
        [string] $ApiToken = ('00pester' + [guid]::NewGuid().ToString('N')),
        # System Log events to seed.
        [int] $Events = 500,
        # Users to seed.
        [int] $Users = 60,
        # More emulator options (see src/OktaIntegration.Emulator/EmulatorCommandLine.cs), e.g. '--rate-limit', '/api/v1/logs=30/3'.
        [string[]] $ArgumentList = @(),
        [TimeSpan] $Timeout = [TimeSpan]::FromMinutes(3)
    )
    $emulatorArguments = @('--urls', 'http://127.0.0.1:0', '--api-token', $ApiToken, '--events', "$Events", '--users', "$Users") + $ArgumentList
    $dll = $env:OKTAINTEGRATION_EMULATOR
    if ($dll -and (Test-Path -LiteralPath $dll)) {
        $arguments = @($dll) + $emulatorArguments
    }
    else {
        $arguments = @('run', '--project', (Join-Path $script:OktaTestRepositoryRoot 'src/OktaIntegration.Emulator'), '--') + $emulatorArguments
    }
    # The output goes to a file, so nothing blocks if the emulator writes more than a pipe holds.
    $outputPath = [System.IO.Path]::GetTempFileName()
    $errorPath = [System.IO.Path]::GetTempFileName()
    $quoted = $arguments | ForEach-Object { if ($_ -match '[\s"]') { '"' + ($_ -replace '"', '\"') + '"' } else { $_ } }
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $quoted -PassThru -NoNewWindow `
        -RedirectStandardOutput $outputPath -RedirectStandardError $errorPath
    $deadline = [DateTime]::UtcNow + $Timeout
    while ($true) {
        $match = Select-String -LiteralPath $outputPath -Pattern 'Emulator listening on (\S+)' -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($match) { break }
        if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) {
            $text = (Get-Content -LiteralPath $outputPath, $errorPath -Raw -ErrorAction SilentlyContinue) -join "`n"
            Stop-TestEmulator ([pscustomobject]@{ Process = $process; OutputPath = $outputPath; ErrorPath = $errorPath })
            throw "The emulator did not start (dotnet $($arguments -join ' ')): $text"
        }
        Start-Sleep -Milliseconds 100
    }
    [pscustomobject]@{
        Url            = $match.Matches[0].Groups[1].Value
        ApiToken       = $ApiToken
        SecureApiToken = ConvertTo-SecureString -String $ApiToken -AsPlainText -Force
        Process        = $process
        OutputPath     = $outputPath
        ErrorPath      = $errorPath
    }
}

function Stop-TestEmulator {
    # Stops the emulator started by Start-TestEmulator, including the child of `dotnet run`.
    param([Parameter(ValueFromPipeline)] $Emulator)
    process {
        if ($null -eq $Emulator) { return }
        $process = $Emulator.Process
        if ($process -and -not $process.HasExited) {
            if ($PSVersionTable.PSEdition -eq 'Core') { $process.Kill($true) } else { & taskkill.exe /PID $process.Id /T /F | Out-Null }
            $process.WaitForExit(10000) | Out-Null
        }
        foreach ($path in $Emulator.OutputPath, $Emulator.ErrorPath) {
            if ($path) { Remove-Item -LiteralPath $path -ErrorAction SilentlyContinue }
        }
    }
}

function Invoke-TestEmulatorApi {
    <#
    .SYNOPSIS
        Calls the emulator's Okta API directly (SSWS), to check effects independently of the module.
    .DESCRIPTION
        Writes each element of a JSON array on its own (Invoke-RestMethod writes a whole array as
        ONE object, so `Invoke-RestMethod ... | Where-Object` would see the array, not its items).
        A GET follows rel="next" Link headers to the last page, sending the Authorization header on
        each one: Invoke-RestMethod -FollowRelLink drops it on followed links in pwsh 7.6 (E0000005).
    #>
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method = 'GET',
        $Body
    )
    $arguments = @{
        Uri     = "$($Emulator.Url.TrimEnd('/'))/$($Path.TrimStart('/'))"
        Method  = $Method
        Headers = @{ Authorization = "SSWS $($Emulator.ApiToken)"; Accept = 'application/json' }
    }
    if ($null -ne $Body) {
        $arguments.Body = $Body | ConvertTo-Json -Depth 10
        $arguments.ContentType = 'application/json'
    }
    while ($arguments.Uri) {
        $response = Invoke-WebRequest @arguments
        if ($response.Content) {
            # Through a variable, so a top-level array is written item by item in every edition
            # (Windows PowerShell's ConvertFrom-Json writes it as one object, like Invoke-RestMethod).
            $parsed = $response.Content | ConvertFrom-Json
            $parsed
        }
        $arguments.Uri = $null
        if ($Method -eq 'GET') {
            # Parsed from the header rather than RelationLink, which Windows PowerShell lacks.
            foreach ($link in @($response.Headers['Link'])) {
                if ("$link" -match '<([^>]+)>;\s*rel="next"') { $arguments.Uri = $Matches[1] }
            }
        }
    }
}

function Get-OtherIdentityModelDirectory {
    # Another version of Microsoft.IdentityModel.* (7.7.3, as older Az/Graph modules ship),
    # restored from NuGet by the xunit project (PackageDownload), for the side-by-side tests.
    # Returns $null when it has not been restored.
    $root = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $tokens = Join-Path $root 'microsoft.identitymodel.tokens/7.7.3/lib/net8.0/Microsoft.IdentityModel.Tokens.dll'
    if (-not (Test-Path -LiteralPath $tokens)) { return $null }
    [pscustomobject]@{
        Version = '7.7.3'
        Files   = @('abstractions', 'logging', 'tokens') | ForEach-Object {
            $name = switch ($_) { 'abstractions' { 'Abstractions' } 'logging' { 'Logging' } 'tokens' { 'Tokens' } }
            Join-Path $root "microsoft.identitymodel.$_/7.7.3/lib/net8.0/Microsoft.IdentityModel.$name.dll"
        }
    }
}

function Get-HelpExample {
    <#
        The examples of the help, discovered from the sources (tests/Examples.Tests.ps1 runs them):
        each "### Example" code block of docs/cmdlets/*.md, and each block of about_OktaIntegration
        indented 8 spaces under a line that ends with ':'. Returns hashtables with Name and Code.
    #>
    $root = Get-OktaTestRepositoryRoot
    $examples = [System.Collections.Generic.List[hashtable]]::new()
    foreach ($file in Get-ChildItem -LiteralPath (Join-Path $root 'docs/cmdlets') -Filter '*-*.md' | Sort-Object Name) {
        $text = (Get-Content -LiteralPath $file.FullName -Raw) -replace "`r`n", "`n"
        foreach ($match in [regex]::Matches($text, '(?ms)^### (Example [^\n]*)\n```powershell\n(.*?)\n```$')) {
            $examples.Add(@{ Name = "$($file.BaseName): $($match.Groups[1].Value)"; Code = $match.Groups[2].Value; Cmdlet = $file.BaseName })
        }
    }
    $about = (Get-Content -LiteralPath (Join-Path $root 'docs/about_OktaIntegration.help.txt') -Raw) -replace "`r`n", "`n"
    $lines = $about -split "`n"
    $number = 0
    for ($i = 0; $i -lt $lines.Count; $i++) {
        if ($lines[$i] -notmatch '^    \S.*:$') { continue }
        $j = $i + 1
        while ($j -lt $lines.Count -and $lines[$j].Trim() -eq '') { $j++ }
        $block = [System.Collections.Generic.List[string]]::new()
        while ($j -lt $lines.Count -and ($lines[$j] -match '^        ' -or ($lines[$j].Trim() -eq '' -and $j + 1 -lt $lines.Count -and $lines[$j + 1] -match '^        '))) {
            $block.Add($(if ($lines[$j].Length -ge 8) { $lines[$j].Substring(8) } else { '' }))
            $j++
        }
        if ($block.Count -gt 0) {
            $number++
            $examples.Add(@{ Name = "about_OktaIntegration: block $number under '$($lines[$i].Trim())'"; Code = ($block -join "`n"); Cmdlet = $null })
        }
    }
    $examples
}

function Get-TestRsyslogMissingReason {
    # Why a real rsyslogd (with -Tls: and its GnuTLS driver) cannot be started here, or $null when
    # it can (tests skip with this reason).
    param([switch] $Tls)
    if (-not $IsLinux) { return 'rsyslog tests run on Linux only.' }
    if (-not (Test-Path -LiteralPath '/usr/sbin/rsyslogd')) {
        return 'rsyslogd is not installed (/usr/sbin/rsyslogd missing): install the Debian packages rsyslog and rsyslog-gnutls (.ci/run does) to run the real syslog receiver tests.'
    }
    if ($Tls -and -not (Get-ChildItem -Path '/usr/lib/*/rsyslog/lmnsd_gtls.so', '/usr/lib/rsyslog/lmnsd_gtls.so', '/usr/lib64/rsyslog/lmnsd_gtls.so' -ErrorAction SilentlyContinue)) {
        return "rsyslog's GnuTLS driver (lmnsd_gtls.so) is missing: install the Debian package rsyslog-gnutls (.ci/run does) to run the real syslog receiver tests over TLS."
    }
    $null
}

function New-TestSyslogCertificate {
    <#
        A private CA and a server certificate it signed for the DNS name localhost, made at test
        time (never committed), as PEM files in $Folder: ca.pem, server.pem and server.key (PKCS#8,
        which rsyslog's GnuTLS driver reads). Returns their paths, for Start-TestRsyslog -Certificate.
    #>
    param([Parameter(Mandatory)] [string] $Folder)
    $now = [DateTimeOffset]::UtcNow
    $sha256 = [System.Security.Cryptography.HashAlgorithmName]::SHA256
    $pkcs1 = [System.Security.Cryptography.RSASignaturePadding]::Pkcs1
    $caKey = [System.Security.Cryptography.RSA]::Create(2048)
    $caRequest = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=Okta Test Syslog CA', $caKey, $sha256, $pkcs1)
    $caRequest.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($true, $false, 0, $true))
    $caRequest.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509KeyUsageExtension]::new(([System.Security.Cryptography.X509Certificates.X509KeyUsageFlags] 'KeyCertSign, CrlSign'), $true))
    $caRequest.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509SubjectKeyIdentifierExtension]::new($caRequest.PublicKey, $false))
    $ca = $caRequest.CreateSelfSigned($now.AddDays(-1), $now.AddDays(2))

    $serverKey = [System.Security.Cryptography.RSA]::Create(2048)
    $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=localhost', $serverKey, $sha256, $pkcs1)
    $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($false, $false, 0, $true))
    $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509KeyUsageExtension]::new(([System.Security.Cryptography.X509Certificates.X509KeyUsageFlags] 'DigitalSignature, KeyEncipherment'), $true))
    $serverAuth = [System.Security.Cryptography.OidCollection]::new()
    $serverAuth.Add([System.Security.Cryptography.Oid]::new('1.3.6.1.5.5.7.3.1')) | Out-Null
    $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]::new($serverAuth, $false))
    $names = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
    $names.AddDnsName('localhost')
    $request.CertificateExtensions.Add($names.Build())
    $server = $request.Create($ca, $now.AddDays(-1), $now.AddDays(1), [System.Security.Cryptography.RandomNumberGenerator]::GetBytes(16))

    New-Item -ItemType Directory -Path $Folder -Force | Out-Null
    $paths = [pscustomobject]@{
        CaPath          = Join-Path $Folder 'ca.pem'
        CertificatePath = Join-Path $Folder 'server.pem'
        KeyPath         = Join-Path $Folder 'server.key'
    }
    Set-Content -LiteralPath $paths.CaPath -Value $ca.ExportCertificatePem()
    Set-Content -LiteralPath $paths.CertificatePath -Value $server.ExportCertificatePem()
    Set-Content -LiteralPath $paths.KeyPath -Value $serverKey.ExportPkcs8PrivateKeyPem()
    $paths
}

function Start-TestRsyslog {
    <#
        Starts a real rsyslogd in the foreground (-n) with its own config, pid file and work
        directory in $Folder, imtcp on a free loopback port (plain TCP, or TLS with the files of
        New-TestSyslogCertificate), writing each message it receives (rawmsg, one a line) to
        Received. Waits until it listens. Stop it with Stop-TestRsyslog.
    #>
    param([Parameter(Mandatory)] [string] $Folder, $Certificate)
    New-Item -ItemType Directory -Path (Join-Path $Folder 'work') -Force | Out-Null
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    $received = Join-Path $Folder 'received.log'
    $config = Join-Path $Folder 'rsyslog.conf'
    $tls = if ($Certificate) {
        " streamDriver.name=""gtls"" streamDriver.mode=""1"" streamDriver.authMode=""anon"" streamDriver.CAFile=""$($Certificate.CaPath)"" streamDriver.CertFile=""$($Certificate.CertificatePath)"" streamDriver.KeyFile=""$($Certificate.KeyPath)"""
    }
    # A long shutdown timeout: stopped with -Drain, rsyslogd writes every queued message before it exits.
    Set-Content -LiteralPath $config -Value @"
global(workDirectory="$(Join-Path $Folder 'work')" maxMessageSize="64k")
main_queue(queue.timeoutShutdown="60000")
module(load="imtcp")
template(name="asReceived" type="string" string="%rawmsg%\n")
ruleset(name="received") { action(type="omfile" file="$received" template="asReceived") }
input(type="imtcp" address="127.0.0.1" port="$port" ruleset="received"$tls)
"@
    $stderr = Join-Path $Folder 'stderr.txt'
    $process = Start-Process -FilePath '/usr/sbin/rsyslogd' -ArgumentList '-n', '-f', $config, '-i', (Join-Path $Folder 'rsyslogd.pid') -PassThru `
        -RedirectStandardError $stderr -RedirectStandardOutput (Join-Path $Folder 'stdout.txt')
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ($true) {
        if ($process.HasExited) { throw "rsyslogd exited: $(Get-Content -Raw -LiteralPath $stderr)" }
        $probe = [System.Net.Sockets.TcpClient]::new()
        try { $probe.Connect([System.Net.IPAddress]::Loopback, $port); break }
        catch { if ([DateTime]::UtcNow -gt $deadline) { throw } ; Start-Sleep -Milliseconds 50 }
        finally { $probe.Dispose() }
    }
    [pscustomobject]@{ Process = $process; Port = $port; Received = $received }
}

function Stop-TestRsyslog {
    <#
        Stops the rsyslogd started by Start-TestRsyslog: killed, or with -Drain shut down (SIGTERM)
        and waited for, so that Received holds every message it had read.
    #>
    param([Parameter(ValueFromPipeline)] $Receiver, [switch] $Drain)
    process {
        if ($null -eq $Receiver -or $Receiver.Process.HasExited) { return }
        if ($Drain) { & /bin/kill -TERM $Receiver.Process.Id }
        else { $Receiver.Process.Kill() }
        $Receiver.Process.WaitForExit(60000) | Out-Null
    }
}

function Start-TestHoldingRelay {
    <#
        A loopback TCP relay to the receiver on 127.0.0.1:$ReceiverPort (rsyslogd in
        tests/SiemCrash.Tests.ps1), run in a runspace of its own; point the sender at its Port. It
        serves one connection at a time (a syslog destination opens one per batch and waits for
        its close before the next), copies both ways and passes each side's end on, except on
        connection number $Hold: there the receiver's close is not passed on and the sender's
        socket stays open. So the receiver reads that batch whole, its end included, and the sender
        never learns it (a syslog batch is acknowledged only by that close). With $CutAfter, only
        that many bytes of the held connection reach the receiver (kept in Cut), then the end, as
        if the sender had died with only those handed to the network. Either way Held is set once
        the receiver has closed the held connection; Errors says what went wrong, if anything.
        Stop it with Stop-TestHoldingRelay.
    #>
    param([Parameter(Mandatory)] [int] $ReceiverPort, [Parameter(Mandatory)] [int] $Hold, [int] $CutAfter)
    $relay = [pscustomobject]@{
        Listener   = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        Held       = [System.Threading.ManualResetEventSlim]::new($false)
        Open       = [System.Collections.Concurrent.ConcurrentBag[System.Net.Sockets.Socket]]::new()
        Errors     = [System.Collections.Concurrent.ConcurrentQueue[string]]::new()
        Cut        = [System.IO.MemoryStream]::new()
        PowerShell = [powershell]::Create()
        Port       = 0
    }
    $relay.Listener.Start()
    $relay.Port = $relay.Listener.LocalEndpoint.Port
    $serve = {
        param($Listener, [int] $ReceiverPort, [int] $Hold, [int] $CutAfter, $Held, $Open, $Errors, $Cut)
        for ($number = 1; ; $number++) {
            try { $sender = $Listener.AcceptSocket() } catch { return } # stopped
            $receiver = [System.Net.Sockets.Socket]::new('InterNetwork', 'Stream', 'Tcp')
            $Open.Add($sender); $Open.Add($receiver)
            try {
                $receiver.Connect([System.Net.IPAddress]::Loopback, $ReceiverPort)
                $fromSender = [System.Net.Sockets.NetworkStream]::new($sender)
                $toReceiver = [System.Net.Sockets.NetworkStream]::new($receiver)
                $toSender = [System.Net.Sockets.NetworkStream]::new($receiver).CopyToAsync([System.Net.Sockets.NetworkStream]::new($sender))
                if ($number -eq $Hold -and $CutAfter -gt 0) {
                    # The first $CutAfter bytes go on, then the end: the receiver sees the stream
                    # stop there, as from a sender that died with the rest unsent.
                    $buffer = [byte[]]::new(16384)
                    while ($Cut.Length -lt $CutAfter -and ($read = $fromSender.Read($buffer, 0, [Math]::Min($buffer.Length, $CutAfter - $Cut.Length))) -gt 0) {
                        $toReceiver.Write($buffer, 0, $read)
                        $Cut.Write($buffer, 0, $read)
                    }
                    if ($Cut.Length -lt $CutAfter) { throw "the held batch was only $($Cut.Length) bytes, ending before CutAfter ($CutAfter)" }
                }
                else { $fromSender.CopyToAsync($toReceiver).Wait() }
                $receiver.Shutdown('Send')
                $toSender.Wait()
                if ($number -eq $Hold) { $Held.Set(); continue }
                $sender.Shutdown('Send')
            }
            catch {
                $Errors.Enqueue("connection ${number}: $($_.Exception.GetBaseException().Message)")
                if ($number -eq $Hold) { $Held.Set() }
            }
            $sender.Dispose(); $receiver.Dispose()
        }
    }
    $relay.PowerShell.AddScript($serve).AddParameters(@{
            Listener = $relay.Listener; ReceiverPort = $ReceiverPort; Hold = $Hold; CutAfter = $CutAfter; Held = $relay.Held; Open = $relay.Open; Errors = $relay.Errors; Cut = $relay.Cut
        }).BeginInvoke() | Out-Null
    $relay
}

function Stop-TestHoldingRelay {
    # Stops the relay of Start-TestHoldingRelay and closes every connection it holds.
    param([Parameter(Mandatory)] $Relay)
    $Relay.Listener.Stop()
    foreach ($socket in $Relay.Open) { $socket.Dispose() }
    $Relay.PowerShell.Stop()
    $Relay.PowerShell.Dispose()
}
