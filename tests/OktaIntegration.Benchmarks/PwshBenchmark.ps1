<#
    The pwsh side of `OktaIntegration.Benchmarks pwsh` (see PwshBenchmark.cs, which starts this in
    a fresh pwsh and reads the "RESULT name=value" lines). -Mode Throughput times each way of
    reading the same bounded range from the emulator; -Mode FirstCall times Import-Module and the
    first cmdlet calls in this fresh process.
#>
param(
    [Parameter(Mandatory)] [ValidateSet('Throughput', 'FirstCall')] [string] $Mode,
    [Parameter(Mandatory)] [string] $Module,
    [Parameter(Mandatory)] [string] $Url,
    [Parameter(Mandatory)] [string] $Token,
    [Parameter(Mandatory)] [string] $Since,
    [Parameter(Mandatory)] [string] $Until,
    [int] $Events,
    [int] $Rounds = 3,
    [string] $GroupId,
    [int] $GroupMembers
)
$ErrorActionPreference = 'Stop'
$secure = ConvertTo-SecureString -String $Token -AsPlainText -Force
$sinceValue = [DateTimeOffset]::Parse($Since, [cultureinfo]::InvariantCulture)
$untilValue = [DateTimeOffset]::Parse($Until, [cultureinfo]::InvariantCulture)

function Write-Result([string] $Name, [double] $Value) {
    $text = 'RESULT {0}={1}' -f $Name, $Value.ToString('0.###', [cultureinfo]::InvariantCulture)
    [Console]::WriteLine($text)
}

if ($Mode -eq 'FirstCall') {
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    Import-Module $Module
    Write-Result 'import_ms' $clock.Elapsed.TotalMilliseconds
    $clock.Restart()
    Connect-OktaTenant -OrgUrl $Url -ApiToken $secure
    Write-Result 'first_call_ms' $clock.Elapsed.TotalMilliseconds
    $clock.Restart()
    Get-OktaSystemLog -Since $sinceValue -Until $untilValue -PageSize 1 -First 1 | Out-Null
    Write-Result 'second_call_ms' $clock.Elapsed.TotalMilliseconds
    return
}

Import-Module $Module
Connect-OktaTenant -OrgUrl $Url -ApiToken $secure
$csv = Join-Path ([System.IO.Path]::GetTempPath()) ("okta-bench-" + [guid]::NewGuid().ToString('N') + '.csv')
$headers = @{ Authorization = "SSWS $Token"; Accept = 'application/json' }
$firstPage = '{0}/api/v1/logs?since={1}&until={2}&limit=1000' -f $Url, [uri]::EscapeDataString($sinceValue.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [cultureinfo]::InvariantCulture)),
    [uri]::EscapeDataString($untilValue.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [cultureinfo]::InvariantCulture))

# Invoke-RestMethod -FollowRelLink first; pwsh 7.6 drops the Authorization header on followed
# links (Okta then answers 401), in which case the pages are followed by hand.
$script:irmHow = 'FollowRelLink'
try {
    $probe = 0
    Invoke-RestMethod -Uri ($firstPage -replace 'limit=1000', 'limit=10') -Headers $headers -FollowRelLink -MaximumFollowRelLink 3 | ForEach-Object { $probe += @($_).Count }
    if ($probe -ne 30) { $script:irmHow = 'by hand' }
}
catch { $script:irmHow = 'by hand' }
[Console]::WriteLine("INFO Invoke-RestMethod paging: $script:irmHow")

$scenarios = [ordered]@{
    'measure' = { (Get-OktaSystemLog -Since $sinceValue -Until $untilValue | Measure-Object).Count }
    'raw' = { (Get-OktaSystemLog -Since $sinceValue -Until $untilValue -Raw | Measure-Object).Count }
    'csv' = { Get-OktaSystemLog -Since $sinceValue -Until $untilValue | Export-Csv -LiteralPath $csv -NoTypeInformation; (Get-Content -LiteralPath $csv | Measure-Object).Count - 1 }
    'irm' = {
        $n = 0
        if ($script:irmHow -eq 'FollowRelLink') {
            Invoke-RestMethod -Uri $firstPage -Headers $headers -FollowRelLink -MaximumFollowRelLink ([int]::MaxValue) | ForEach-Object { $n += @($_).Count }
        }
        else {
            $next = $firstPage
            while ($next) {
                $page = Invoke-RestMethod -Uri $next -Headers $headers -ResponseHeadersVariable responseHeaders
                $n += @($page).Count
                $next = $null
                foreach ($link in @($responseHeaders['Link'])) {
                    if ($link -match '<([^>]+)>;\s*rel="next"') { $next = $Matches[1] }
                }
            }
        }
        $n
    }
}
if ($GroupId) {
    $scenarios['members'] = { (Get-OktaGroupMember -GroupId $GroupId | Measure-Object).Count }
}

foreach ($name in $scenarios.Keys) {
    $expected = if ($name -eq 'members') { $GroupMembers } else { $Events }
    $rates = foreach ($round in 0..$Rounds) {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $count = & $scenarios[$name]
        $seconds = $clock.Elapsed.TotalSeconds
        if ($count -ne $expected) { throw "$name read $count items, expected $expected." }
        if ($round -gt 0) { $count / $seconds }   # round 0 warms up (JIT, connections)
    }
    $sorted = @($rates | Sort-Object)
    Write-Result "${name}_per_s" $sorted[[int][Math]::Floor($sorted.Count / 2)]
    [Console]::WriteLine(('INFO {0}: {1:N0}/s' -f $name, $sorted[[int][Math]::Floor($sorted.Count / 2)]))
}
Remove-Item -LiteralPath $csv -ErrorAction SilentlyContinue
