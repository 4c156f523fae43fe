#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    Crash reliability of Export-OktaSystemLog, as a scheduled task meets it: the export runs in a
    child PowerShell that imports the built module, the child is killed with SIGKILL
    (Process.Kill) while a batch is in flight, and a fresh child resumes from the cursor file.
    The delivered set is then compared with the emulator's own System Log (ground truth):
    nothing may be lost, and repeats are allowed only where the destination cannot drop them.

    The kill is placed by the emulator, not by a sleep: POST /emulator/faults/hold arms a
    HoldResponse fault on the destination's send path; the receiver stores the batch (the
    destination has it) and withholds the answer; GET /emulator/faults/held returns once that
    has happened; then the child is killed. So the batch is stored but never acknowledged to the
    exporter, and its cursor stays before it: the worst moment to die.

    What each destination guarantees after such a kill (the ExpectedDuplicates column):
    - NDJSON file: there is no network send to hold, so the emulator holds the read of the third
      page; the reader fetches one page ahead, so page two may still be in its write, fsync and
      cursor save when the kill lands. Then up to that page's lines repeat (a torn last line is cut
      on resume); if page two was committed, none. Either way nothing is lost.
    - Splunk HEC (indexer acknowledgement on, acks late): HEC indexed the batch and cannot
      dedupe, so exactly that page is indexed twice; okta_uuid lets searches drop the repeat.
    - Elasticsearch _bulk: no repeat; the resend is a 409 on _id = uuid, counted as Duplicates.
    - Sentinel Logs Ingestion: no server-side dedupe, so exactly that page is stored twice.
    - Syslog to a real rsyslogd, over TCP and TLS: syslog has no acknowledgement beyond TCP; a batch
      counts as delivered when the receiver, having read the sender's end of stream, closes its
      side. The emulator has no part in that, so the hold is a loopback relay between the child and
      rsyslogd (Start-TestHoldingRelay) on the second batch's connection. Either it relays everything,
      the sender's end included, but not rsyslog's close; once rsyslog has closed (read the whole
      batch), the child is killed: syslog never dedupes, so exactly that page is written twice. Or
      (CutAfter) it passes only the first bytes of the batch, the child is killed, and rsyslog sees
      the end there: it keeps the messages that arrived whole and drops the cut one ("Incomplete
      frame at end of stream"), so exactly those whole messages are written twice.
      Skipped with the reason where rsyslogd (or, for TLS, its GnuTLS driver) is missing.

    To add a destination, add one entry to $script:Destinations in BeforeDiscovery: its cmdlet
    line (New, run in the child with $Url, $Port and $Out set), the Schema, the path prefix its
    sends go to (Hold; or Receiver, Tcp or Tls, and CutAfter, for a syslog receiver behind the
    relay, on $Port), the ground-truth call (Delivered) and ExpectedDuplicates.
#>

BeforeDiscovery {
    $script:Destinations = @(
        @{
            Name               = 'NDJSON files'
            Schema             = 'Ecs'
            New                = 'New-OktaFileDestination -Path $Out'
            Hold               = '/api/v1/logs'   # the read after the second page: files have no network send
            ExpectedDuplicates = 'AtMostPage'
            Delivered          = { param($org, $out) @(Get-ChildItem -LiteralPath $out -Filter *.ndjson | Sort-Object Name | Get-Content | ForEach-Object { ($_ | ConvertFrom-Json).event.id }) }
        }
        @{
            Name               = 'Splunk HEC with indexer acknowledgement and late acks'
            Schema             = 'Ecs'
            New                = 'New-OktaSplunkDestination -Url $Url -Token (ConvertTo-SecureString ''11111111-2222-3333-4444-555555555555'' -AsPlainText -Force)'
            Setup              = { param($org) Invoke-RestMethod -Method Post -Uri "$($org.Url.TrimEnd('/'))/emulator/splunk/ack-pending-polls?polls=3" | Out-Null }
            Hold               = '/services/collector/event'
            ExpectedDuplicates = 'Page'   # HEC cannot dedupe: the held page is indexed twice
            Delivered          = { param($org, $out) @(Invoke-RestMethod -Uri "$($org.Url.TrimEnd('/'))/emulator/splunk/indexed" | ForEach-Object { $_.uuid }) }
        }
        @{
            Name               = 'Elasticsearch _bulk'
            Schema             = 'Ecs'
            New                = 'New-OktaElasticDestination -Url $Url -ApiKey (ConvertTo-SecureString ([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes(''okta-emulator:emulator-api-key-secret''))) -AsPlainText -Force)'
            Hold               = '/_bulk'
            ExpectedDuplicates = 0        # create with _id = uuid: the resend is a 409
            Delivered          = { param($org, $out) @(Invoke-RestMethod -Uri "$($org.Url.TrimEnd('/'))/emulator/elastic/ids?index=logs-okta.system-default" | ForEach-Object { $_ }) }
        }
        @{
            Name               = 'Sentinel Logs Ingestion'
            Schema             = 'Asim'
            New                = 'New-OktaSentinelDestination -Endpoint $Url -DcrImmutableId dcr-00000000000000000000000000000001 -Stream Custom-OktaSystemLog -TenantId 00000000-aaaa-bbbb-cccc-000000000001 -Authority $Url -Credential ([pscredential]::new(''11111111-aaaa-bbbb-cccc-000000000002'', (ConvertTo-SecureString ''emulator-entra-client-secret'' -AsPlainText -Force)))'
            Hold               = '/dataCollectionRules/'
            ExpectedDuplicates = 'Page'   # no server-side dedupe: the held page is stored twice
            Delivered          = { param($org, $out) @(Invoke-RestMethod -Uri "$($org.Url.TrimEnd('/'))/emulator/sentinel/rows" | ForEach-Object { $_.EventOriginalUid }) }
        }
        @{
            Name               = 'Syslog over TCP to rsyslog, the batch read but its close withheld'
            Schema             = 'Raw'
            New                = 'New-OktaSyslogDestination -Server 127.0.0.1 -Port $Port -Transport Tcp'
            Receiver           = 'Tcp'
            ExpectedDuplicates = 'Page'   # syslog never dedupes: the held batch was read in full and is sent again
            Delivered          = { param($org, $out) Get-SyslogUuids $out }
        }
        @{
            Name               = 'Syslog over TCP to rsyslog, the batch cut in the middle of a message'
            Schema             = 'Raw'
            New                = 'New-OktaSyslogDestination -Server 127.0.0.1 -Port $Port -Transport Tcp'
            Receiver           = 'Tcp'
            CutAfter           = 65536    # bytes of the second batch that reach rsyslog; a batch of 200 is several times that
            ExpectedDuplicates = 'CompleteFrames'   # the messages whole in those bytes; rsyslog drops the cut one
            Delivered          = { param($org, $out) Get-SyslogUuids $out }
        }
        @{
            Name               = 'Syslog over TLS to rsyslog, the batch read but its close withheld'
            Schema             = 'Raw'
            New                = 'New-OktaSyslogDestination -Server localhost -Port $Port -TrustedCertificateAuthorityPath (Join-Path $Out ca.pem)'
            Receiver           = 'Tls'
            ExpectedDuplicates = 'Page'
            Delivered          = { param($org, $out) Get-SyslogUuids $out }
        }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:pageSize = 200
    $script:org = Start-TestEmulator -Events 1000 -Users 30
    $script:since = [DateTimeOffset]::UtcNow.AddDays(-31).ToString('o', [cultureinfo]::InvariantCulture)
    $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ("okta-siem-crash-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:work | Out-Null
    $script:child = Join-Path $script:work 'export.ps1'
    # The scheduled task: import, connect, build the destination, export with a cursor; the
    # summary goes to a file so the parent can tell a finished run from a killed one.
    Set-Content -LiteralPath $script:child -Value @'
param([string] $ModulePath, [string] $Url, [int] $Port, [string] $ApiToken, [string] $NewDestination, [string] $Out, [string] $Schema, [string] $Cursor, [string] $Since, [int] $PageSize, [string] $Result)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
try {
    Import-Module $ModulePath
    Connect-OktaTenant -OrgUrl $Url -ApiToken (ConvertTo-SecureString $ApiToken -AsPlainText -Force) 6>$null
    $destination = & ([scriptblock]::Create($NewDestination))
    $summary = Export-OktaSystemLog -Destination $destination -Schema $Schema -CursorPath $Cursor -Since ([DateTimeOffset]::Parse($Since, [cultureinfo]::InvariantCulture)) -PageSize $PageSize -ErrorAction SilentlyContinue
    $summary | Select-Object Succeeded, EventsRead, Acknowledged, Duplicates, Error | ConvertTo-Json -Compress | Set-Content -LiteralPath $Result
}
catch {
    @{ Succeeded = $false; Error = "$_" } | ConvertTo-Json -Compress | Set-Content -LiteralPath $Result
}
'@

    # How many uuids a cursor file's committed window holds. The file is a snapshot (an indented
    # JSON object ending in a line "}") and then one JSON line per save since, each with the
    # window's size after it ("count"); a last line a kill cut short (no newline, or garbled) is
    # not part of it.
    function script:Get-CursorSeenCount([string] $Path) {
        $lines = @((Get-Content -LiteralPath $Path -Raw) -split "`r?`n")
        $lines = $lines[0..($lines.Count - 2)] # after the last newline: nothing, or a cut-short line
        $end = [array]::IndexOf($lines, '}')
        $count = @(($lines[0..$end] -join "`n" | ConvertFrom-Json).seen).Count
        foreach ($line in @($lines | Select-Object -Skip ($end + 1) | Where-Object { $_.Trim() })) {
            try { $count = ($line | ConvertFrom-Json -ErrorAction Stop).count } catch { break }
        }
        $count
    }

    function script:Start-ExportChild([hashtable] $Destination, [string] $Name) {
        $result = Join-Path $script:work "$Name.json"
        $process = Start-TestPwsh -ArgumentList @('-NoProfile', '-NonInteractive', '-File', $script:child,
            '-ModulePath', (Get-OktaTestModulePath), '-Url', $script:org.Url.TrimEnd('/'), '-Port', "$($Destination.Port)", '-ApiToken', $script:org.ApiToken,
            '-NewDestination', $Destination.New, '-Out', $Destination.Out, '-Schema', $Destination.Schema,
            '-Cursor', $Destination.Cursor, '-Since', $script:since, '-PageSize', "$script:pageSize", '-Result', $result)
        [pscustomobject]@{ Process = $process; Result = $result }
    }

    # rsyslogd (TLS with a test CA in $Folder) behind a relay that holds the second connection.
    function script:Start-HeldSyslogReceiver([string] $Transport, [string] $Folder, [int] $CutAfter) {
        $certificate = if ($Transport -eq 'Tls') { New-TestSyslogCertificate $Folder }
        $rsyslog = Start-TestRsyslog (Join-Path $Folder 'rsyslog') -Certificate $certificate
        [pscustomobject]@{ Rsyslog = $rsyslog; Relay = Start-TestHoldingRelay -ReceiverPort $rsyslog.Port -Hold 2 -CutAfter $CutAfter }
    }

    # How many octet-counted frames ("LENGTH SP MESSAGE") are whole in these bytes.
    function script:Get-CompleteFrameCount([byte[]] $Bytes) {
        $count = 0
        $at = 0
        while ($true) {
            $space = [Array]::IndexOf($Bytes, [byte] 0x20, $at)
            if ($space -lt 0) { return $count }
            $end = $space + 1 + [int] [Text.Encoding]::ASCII.GetString($Bytes, $at, $space - $at)
            if ($end -gt $Bytes.Length) { return $count }
            $count++
            $at = $end
        }
    }

    # The uuid of each message rsyslog wrote (RFC 5424 header, then Okta's JSON), repeats included.
    function script:Get-SyslogUuids([string] $Folder) {
        @(Get-Content -LiteralPath (Join-Path $Folder 'rsyslog/received.log') | ForEach-Object { ($_ -replace '^<\d+>1 \S+ \S+ \S+ \S+ \S+ - ', '' | ConvertFrom-Json).uuid })
    }

    function script:Get-TruthUuids {
        $until = [DateTimeOffset]::UtcNow.AddMinutes(1).ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [cultureinfo]::InvariantCulture)
        $from = [DateTimeOffset]::Parse($script:since, [cultureinfo]::InvariantCulture).ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [cultureinfo]::InvariantCulture)
        @(Invoke-TestEmulatorApi -Emulator $script:org -Path "/api/v1/logs?since=$from&until=$until&limit=1000" | ForEach-Object { $_.uuid })
    }
}

AfterAll {
    Stop-TestEmulator $script:org
    Remove-Item -LiteralPath $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Export-OktaSystemLog killed with SIGKILL during a send, then resumed by a fresh process' {
    AfterEach {
        if ($script:syslog) {
            Stop-TestHoldingRelay $script:syslog.Relay
            Stop-TestRsyslog $script:syslog.Rsyslog
            $script:syslog = $null
        }
    }

    It '<Name>: nothing lost, repeats only where the destination cannot drop them' -ForEach $script:Destinations {
        $url = $script:org.Url.TrimEnd('/')
        $slug = ($Name -replace '[^A-Za-z]', '').ToLowerInvariant()
        $destination = @{ New = $New; Schema = $Schema; Out = (Join-Path $script:work $slug); Cursor = (Join-Path $script:work "$slug.cursor"); Port = 0 }
        if ($Receiver) {
            $missing = Get-TestRsyslogMissingReason -Tls:($Receiver -eq 'Tls')
            if ($missing) { Set-ItResult -Skipped -Because $missing; return }
        }
        New-Item -ItemType Directory -Path $destination.Out | Out-Null
        if ($Setup) { & $Setup $script:org }
        # The first page goes through; the second send (for files: the third read) is held in flight.
        if ($Receiver) {
            $script:syslog = Start-HeldSyslogReceiver $Receiver $destination.Out -CutAfter $CutAfter
            $destination.Port = $script:syslog.Relay.Port
        }
        else {
            $skip = if ($Hold -eq '/api/v1/logs') { 2 } else { 1 }
            Invoke-RestMethod -Method Post -Uri "$url/emulator/faults/hold?path=$([uri]::EscapeDataString($Hold))&skip=$skip" | Out-Null
        }

        $doomed = Start-ExportChild $destination "$slug-killed"
        try {
            $held = if ($Receiver) { $script:syslog.Relay.Held.Wait(120000) -and $script:syslog.Relay.Errors.IsEmpty }
            else { (Invoke-RestMethod -Uri "$url/emulator/faults/held?path=$([uri]::EscapeDataString($Hold))&timeoutSeconds=120" -SkipHttpErrorCheck).held }
            $held | Should -BeTrue -Because "the child must reach the held send ($(Get-Content -LiteralPath $doomed.Result -ErrorAction SilentlyContinue)$($script:syslog.Relay.Errors))"
            # The export reads up to two pages ahead and writes a page's cursor while the next page
            # is sent, so the held request can come before the first page's cursor is on disk. The
            # held request blocks what comes after it, not what came before: wait for that cursor.
            $cursorDeadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not (Test-Path -LiteralPath $destination.Cursor) -and [DateTime]::UtcNow -lt $cursorDeadline) { Start-Sleep -Milliseconds 20 }
            $doomed.Process.Kill()
            $doomed.Process.WaitForExit()
        }
        finally {
            if (-not $doomed.Process.HasExited) { $doomed.Process.Kill() }
        }
        Test-Path -LiteralPath $doomed.Result | Should -BeFalse -Because 'the child died before it could finish'
        Test-Path -LiteralPath $destination.Cursor | Should -BeTrue -Because 'the first page was acknowledged and committed'
        # The events the killed run committed: the window keeps every uuid of these small runs.
        $committed = Get-CursorSeenCount $destination.Cursor

        $resume = Start-ExportChild $destination "$slug-resumed"
        $resume.Process.WaitForExit(300000) | Should -BeTrue
        $summary = Get-Content -LiteralPath $resume.Result -Raw | ConvertFrom-Json
        $summary.Succeeded | Should -BeTrue -Because "$($summary.Error)"

        # rsyslog writes what it read a moment later, from its queue: shut down, it writes it all.
        if ($Receiver) {
            Stop-TestRsyslog $script:syslog.Rsyslog -Drain
            $script:syslog.Rsyslog.Process.HasExited | Should -BeTrue -Because 'rsyslogd writes every queued message before it exits'
        }
        $truth = Get-TruthUuids
        $delivered = @(& $Delivered $script:org $destination.Out)
        $seen = [System.Collections.Generic.HashSet[string]]::new([string[]] $delivered)
        $lost = @($truth | Where-Object { -not $seen.Contains($_) })
        $lost.Count | Should -Be 0 -Because "no event may be lost (e.g. $($lost | Select-Object -First 1))"
        $repeats = $delivered.Count - $seen.Count
        # The resumed run started at the cursor: after the first page, or (files) after the second.
        $resent = $summary.Acknowledged + $summary.Duplicates
        $resent | Should -Be ($truth.Count - $committed) -Because 'the resumed run starts where the killed one committed'
        if ($ExpectedDuplicates -eq 'AtMostPage') {
            # Files: the third read is held, so the first page or the first two were committed; what
            # was written after the last commit (at most the page in its write) is written again.
            $committed | Should -BeIn @($script:pageSize, (2 * $script:pageSize))
            $repeats | Should -BeLessOrEqual $script:pageSize
        }
        else {
            $expected = switch ($ExpectedDuplicates) {
                'Page' { $script:pageSize }
                'CompleteFrames' {
                    $whole = Get-CompleteFrameCount $script:syslog.Relay.Cut.ToArray()
                    $whole | Should -BeLessThan $script:pageSize -Because 'the cut is inside the batch'
                    $whole
                }
                default { $ExpectedDuplicates }
            }
            $repeats | Should -Be $expected
            $committed | Should -Be $script:pageSize -Because 'the second send was held, so only the first page was acknowledged'
        }
        if ($Name -eq 'Elasticsearch _bulk') { $summary.Duplicates | Should -Be $script:pageSize -Because 'the held page was stored; its resend is a 409' }
    }
}
