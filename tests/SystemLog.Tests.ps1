#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    Get-OktaSystemLog against the emulator, through the built module: bounded and polling reads,
    -CursorPath incremental runs, -Raw, the Export-Csv round trip, tab completion and error ids.
    The emulator runs as its own process; the ground truth is read straight from its API with
    Invoke-WebRequest, independent of the module.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OktaTestModule
    $script:org = Start-TestEmulator -Events 1500 -Users 60
    $script:url = $script:org.Url.TrimEnd('/')
    $script:token = $script:org.ApiToken

    Connect-OktaTenant -OrgUrl $script:url -ApiToken $script:org.SecureApiToken

    # The emulator seeds its events over the 30 days before it started.
    $script:since = (Get-Date).ToUniversalTime().AddDays(-31)
    $script:headers = @{ Authorization = "SSWS $script:token"; Accept = 'application/json' }

    function script:Get-TruthUuids {
        $sinceText = [uri]::EscapeDataString($script:since.ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [cultureinfo]::InvariantCulture))
        $untilText = [uri]::EscapeDataString((Get-Date).ToUniversalTime().AddMinutes(1).ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [cultureinfo]::InvariantCulture))
        # Bounded, so the next links end. Paged by hand: Invoke-RestMethod -FollowRelLink does
        # not send the Authorization header on the followed links (seen with pwsh 7.6: E0000005).
        $next = "$script:url/api/v1/logs?since=$sinceText&until=$untilText&limit=1000"
        @(while ($next) {
            $response = Invoke-WebRequest -Uri $next -Headers $script:headers
            ($response.Content | ConvertFrom-Json) | ForEach-Object { $_.uuid }
            $next = $response.RelationLink['next']
        })
    }

    $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ("oktalog-pester-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:work | Out-Null
}

AfterAll {
    Disconnect-OktaTenant
    Stop-TestEmulator $script:org
    Remove-Item $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Get-OktaSystemLog reading' {
    It 'reads a bounded range as typed events in published order and ends' {
        $truth = Get-TruthUuids
        $events = @(Get-OktaSystemLog -Since $script:since -Until (Get-Date).AddMinutes(1) -PageSize 200)
        $events | Should -HaveCount $truth.Count
        $events[0].GetType().FullName | Should -Be 'OktaIntegration.Core.SystemLog.OktaLogEvent'
        ($events.Uuid | Sort-Object -Unique) | Should -HaveCount $events.Count
        $sorted = @($events | Sort-Object Published)
        for ($i = 0; $i -lt $events.Count; $i++) { $events[$i].Published | Should -Be $sorted[$i].Published }
        Compare-Object $truth $events.Uuid | Should -BeNullOrEmpty
    }

    It 'polls until caught up and ends without -Follow, delivering every event once' {
        $truth = Get-TruthUuids
        $events = @(Get-OktaSystemLog -Since $script:since -PageSize 500)
        ($events.Uuid | Sort-Object -Unique) | Should -HaveCount $events.Count
        Compare-Object $truth $events.Uuid | Should -BeNullOrEmpty
    }

    It 'combines -EventType with -Filter' {
        $events = @(Get-OktaSystemLog -Since $script:since -EventType 'user.session.start', 'user.session.end' -Filter 'outcome.result eq "SUCCESS"')
        $events | Should -Not -BeNullOrEmpty
        $events | ForEach-Object {
            $_.EventType | Should -BeIn @('user.session.start', 'user.session.end')
            $_.Outcome | Should -Be 'SUCCESS'
            $_.Category | Should -Be 'Session'
        }
    }

    It 'writes Category as its name and a zone-less client as a real null in JSON and CSV' {
        $event = Get-OktaSystemLog -Since $script:since -EventType 'user.session.start' -First 1
        $event.Zone | Should -BeNullOrEmpty -Because 'Okta sends the string "null" when no zone matched'
        $json = $event | ConvertTo-Json | ConvertFrom-Json
        $json.Category | Should -BeExactly 'Session'
        $json.PSObject.Properties['Zone'].Value | Should -BeNullOrEmpty
        ($event | ConvertTo-Json) | Should -Match '"Zone": null'
        ($event | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv).Category | Should -BeExactly 'Session'
    }

    It 'stops after -First events' {
        @(Get-OktaSystemLog -Since $script:since -First 25 -PageSize 10) | Should -HaveCount 25
    }
}

Describe 'Get-OktaSystemLog -CursorPath' {
    It 'splits the log over runs with nothing lost or repeated, then picks up new events' {
        $cursor = Join-Path $script:work 'incremental.json'
        $first = @(Get-OktaSystemLog -Since $script:since -CursorPath $cursor -First 120 -PageSize 50)
        $first | Should -HaveCount 120
        Test-Path $cursor | Should -BeTrue
        Test-Path "$cursor.tmp" | Should -BeFalse

        # A later scheduled run passes a newer -Since; the cursor decides where it resumes.
        $second = @(Get-OktaSystemLog -Since (Get-Date).AddHours(-1) -CursorPath $cursor -PageSize 50)
        $all = @($first) + @($second)
        ($all.Uuid | Sort-Object -Unique) | Should -HaveCount $all.Count
        Compare-Object (Get-TruthUuids) $all.Uuid | Should -BeNullOrEmpty

        @(Get-OktaSystemLog -CursorPath $cursor -PageSize 50).Count | Should -Be 0

        # An admin action logs an event; the next incremental run delivers exactly it.
        # The first user is the token's own admin; pick another active one.
        $users = Invoke-RestMethod -Uri "$script:url/api/v1/users?limit=200" -Headers $script:headers
        $user = @($users | ForEach-Object { $_ } | Select-Object -Skip 1 | Where-Object status -eq 'ACTIVE')[0]
        Invoke-RestMethod -Method Delete -Uri "$script:url/api/v1/users/$($user.id)/sessions?oauthTokens=false&forgetDevices=false" -Headers $script:headers | Out-Null
        $next = @(Get-OktaSystemLog -CursorPath $cursor -PageSize 50)
        $next | Should -HaveCount 1
        $next[0].EventType | Should -Be 'user.session.clear'
        $next[0].TargetId | Should -Be $user.id
    }

    It 'counts the event Select-Object -First stopped on as delivered (page size <PageSize>)' -TestCases @(
        @{ PageSize = 50 }   # Select-Object stops in the middle of a page
        @{ PageSize = 25 }   # ... or on a page's last event
    ) {
        param($PageSize)
        $cursor = Join-Path $script:work "select-first-$PageSize.json"
        $first = @(Get-OktaSystemLog -Since $script:since -CursorPath $cursor -PageSize $PageSize | Select-Object -First 25)
        $first | Should -HaveCount 25
        $rest = @(Get-OktaSystemLog -Since $script:since -CursorPath $cursor -PageSize $PageSize)
        # Select-Object had taken the 25th event when it stopped the pipeline: not repeated.
        $rest.Uuid | Should -Not -Contain $first[24].Uuid
        $all = @($first) + @($rest)
        ($all.Uuid | Sort-Object -Unique) | Should -HaveCount $all.Count
        Compare-Object (Get-TruthUuids) $all.Uuid | Should -BeNullOrEmpty
    }

    It 'resumes without loss or repeats across many runs stopped mid-page, on a page end and by -First, the cursor a journal of their saves' {
        $cursor = Join-Path $script:work 'journal-many-runs.json'
        $all = [System.Collections.Generic.List[string]]::new()
        # Page size 25: Select-Object stops inside a page (7, 33, 1, 12), on a page's last event (25, 50),
        # and -First cuts a page short in the reader (37); each run appends its saves to the file.
        foreach ($take in 7, 25, 33, 1, 50, 12) {
            @(Get-OktaSystemLog -Since $script:since -CursorPath $cursor -PageSize 25 | Select-Object -First $take) |
                ForEach-Object { $all.Add($_.Uuid) }
            $all.Count | Should -BeGreaterThan 0
        }
        @(Get-OktaSystemLog -Since $script:since -CursorPath $cursor -PageSize 25 -First 37) | ForEach-Object { $all.Add($_.Uuid) }
        $lines = @([System.IO.File]::ReadAllLines($cursor) | Where-Object { $_.StartsWith('{"next"') })
        $lines.Count | Should -BeGreaterThan 6 -Because 'the runs append their saves rather than rewrite the file'
        @(Get-OktaSystemLog -Since $script:since -CursorPath $cursor -PageSize 25) | ForEach-Object { $all.Add($_.Uuid) }
        ($all | Sort-Object -Unique) | Should -HaveCount $all.Count
        Compare-Object (Get-TruthUuids) $all | Should -BeNullOrEmpty
    }

    It 'still repeats an event the downstream command failed on' {
        $cursor = Join-Path $script:work 'downstream-throws.json'
        $script:taken = [System.Collections.Generic.List[string]]::new()
        { Get-OktaSystemLog -Since $script:since -CursorPath $cursor -PageSize 50 |
            ForEach-Object { if ($script:taken.Count -eq 9) { throw 'forwarder down' }; $script:taken.Add($_.Uuid) } } |
            Should -Throw 'forwarder down'
        $rest = @(Get-OktaSystemLog -Since $script:since -CursorPath $cursor -PageSize 50)
        $all = @($script:taken) + @($rest.Uuid)
        ($all | Sort-Object -Unique) | Should -HaveCount $all.Count
        Compare-Object (Get-TruthUuids) $all | Should -BeNullOrEmpty
    }

    It 'reads a cursor saved with a byte order mark and removes a killed run''s temp file' {
        $cursor = Join-Path $script:work 'bom.json'
        @(Get-OktaSystemLog -Since $script:since -CursorPath $cursor -First 30 -PageSize 50) | Should -HaveCount 30
        [System.IO.File]::WriteAllText($cursor, [System.IO.File]::ReadAllText($cursor), [System.Text.UTF8Encoding]::new($true))
        Set-Content -LiteralPath "$cursor.tmp" -Value '{"format": 1, "org": '
        $rest = @(Get-OktaSystemLog -CursorPath $cursor -PageSize 50)
        $rest.Count | Should -Be ((Get-TruthUuids).Count - 30)
        Test-Path "$cursor.tmp" | Should -BeFalse
    }

    It 'refuses a folder as -CursorPath before reading, with the file-access error id' {
        { Get-OktaSystemLog -Since $script:since -CursorPath $script:work } |
            Should -Throw -ErrorId 'OktaFileAccessFailed,OktaIntegration.Commands.GetOktaSystemLogCommand'
    }

    It 'refuses a cursor file in a read-only folder before the first event' -Skip:($IsWindows -or (id -u) -eq '0') {
        $folder = Join-Path $script:work 'readonly'
        New-Item -ItemType Directory -Path $folder | Out-Null
        chmod 555 $folder
        try {
            $out = [System.Collections.Generic.List[object]]::new()
            { Get-OktaSystemLog -Since $script:since -CursorPath (Join-Path $folder 'c.json') | ForEach-Object { $out.Add($_) } } |
                Should -Throw -ErrorId 'OktaFileAccessFailed,OktaIntegration.Commands.GetOktaSystemLogCommand'
            $out | Should -HaveCount 0
        }
        finally { chmod 755 $folder }
    }

    It 'refuses a cursor written for another query with a specific error id' {
        $cursor = Join-Path $script:work 'mismatch.json'
        Get-OktaSystemLog -Since $script:since -CursorPath $cursor -EventType 'user.session.start' | Out-Null
        { Get-OktaSystemLog -CursorPath $cursor -EventType 'user.session.end' } |
            Should -Throw -ErrorId 'OktaCursorMismatch,OktaIntegration.Commands.GetOktaSystemLogCommand'
    }
}

Describe 'Get-OktaSystemLog output for forwarding' {
    It '-Raw writes the JSON exactly as the API served it' {
        $raw = @(Get-OktaSystemLog -Since $script:since -EventType 'user.session.start' -Raw)
        $raw | Should -Not -BeNullOrEmpty
        $raw[0] | Should -BeOfType [string]
        $sinceText = [uri]::EscapeDataString($script:since.ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [cultureinfo]::InvariantCulture))
        $filter = [uri]::EscapeDataString('eventType eq "user.session.start"')
        $page = (Invoke-WebRequest -Uri "$script:url/api/v1/logs?since=$sinceText&filter=$filter&limit=1000" -Headers $script:headers).Content
        foreach ($line in $raw) { $page.Contains($line) | Should -BeTrue }
        ($raw | ForEach-Object { ($_ | ConvertFrom-Json).uuid }) | Should -Be @(Get-OktaSystemLog -Since $script:since -EventType 'user.session.start').Uuid
    }

    It 'round-trips through Export-Csv as one clean row per event' {
        $csv = Join-Path $script:work 'events.csv'
        $events = @(Get-OktaSystemLog -Since $script:since -First 300)
        $events | Export-Csv -Path $csv -NoTypeInformation
        $rows = @(Import-Csv -Path $csv)
        $rows | Should -HaveCount $events.Count
        $rows.Uuid | Should -Be $events.Uuid
        $columns = $rows[0].PSObject.Properties.Name
        foreach ($name in 'Uuid', 'Published', 'EventType', 'Category', 'Severity', 'Outcome', 'ActorId', 'ActorAlternateId', 'ClientIp', 'City', 'Country', 'TargetId', 'TargetType', 'TransactionId', 'SessionId') {
            $columns | Should -Contain $name
        }
        # The nested detail is a method (GetDetail), not a column.
        $columns | Should -Not -Contain 'Detail'
        $text = Get-Content -Path $csv -Raw
        $text | Should -Not -Match 'OktaIntegration\.Core'
        $text | Should -Not -Match 'System\.Collections'
        # PublishedUtc keeps the exact instant (milliseconds, UTC) whatever the culture.
        $rows[0].PublishedUtc | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$'
        [datetimeoffset]::Parse($rows[0].PublishedUtc, [cultureinfo]::InvariantCulture) | Should -Be $events[0].Published
    }
}

Describe 'Get-OktaSystemLog nested detail' {
    It 'gives every target and the IP chain through GetDetail, matching the API, and converts to JSON whole' {
        $sinceText = [uri]::EscapeDataString($script:since.ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [cultureinfo]::InvariantCulture))
        $filter = [uri]::EscapeDataString('eventType eq "group.user_membership.add"')
        $truth = @((Invoke-WebRequest -Uri "$script:url/api/v1/logs?since=$sinceText&filter=$filter&limit=1000" -Headers $script:headers).Content | ConvertFrom-Json)
        $truth | Should -Not -BeNullOrEmpty
        $events = @(Get-OktaSystemLog -Since $script:since -EventType 'group.user_membership.add')
        $events.Uuid | Should -Be $truth.uuid
        for ($i = 0; $i -lt $events.Count; $i++) {
            $detail = $events[$i].GetDetail()
            @($detail.Targets.Id) | Should -Be @($truth[$i].target.id)
            @($detail.IpChain.Ip) | Should -Be @($truth[$i].request.ipChain.ip)
        }
        $json = $events | ConvertTo-Json -WarningVariable truncation -WarningAction SilentlyContinue
        $truncation | Should -BeNullOrEmpty
        @($json | ConvertFrom-Json).uuid | Should -Be $truth.uuid
        (($events[0].GetDetail() | ConvertTo-Json -Depth 10) | ConvertFrom-Json).Targets.Id | Should -Be @($truth[0].target.id)
    }
}

Describe 'Get-OktaSystemLog input checks' {
    It 'refuses a keyword Okta would refuse before sending anything' {
        { Get-OktaSystemLog -Keyword ('x' * 41) } |
            Should -Throw -ErrorId 'OktaInvalidSystemLogQuery,OktaIntegration.Commands.GetOktaSystemLogCommand'
    }

    It 'refuses -Since more than 180 days back and warns past 90' {
        { Get-OktaSystemLog -Since (Get-Date).AddDays(-200) } |
            Should -Throw -ErrorId 'OktaInvalidSystemLogQuery,OktaIntegration.Commands.GetOktaSystemLogCommand'
        $warnings = @()
        Get-OktaSystemLog -Since (Get-Date).AddDays(-100) -First 1 -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null
        ($warnings -join "`n") | Should -Match '90 days'
    }

    It 'surfaces a bad filter with Okta''s error code' {
        { Get-OktaSystemLog -Filter 'eventType eqq "x"' } | Should -Throw -ErrorId 'OktaInvalidRequest,OktaIntegration.Commands.GetOktaSystemLogCommand'
    }

    It 'completes -EventType from the event-type catalog' {
        $line = 'Get-OktaSystemLog -EventType user.session.'
        $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $result.CompletionMatches.CompletionText | Should -Contain 'user.session.start'
    }
}

Describe 'Export-OktaSystemLog shares the reader''s query and cursor checks' {
    # Both commands take their reading parameters from one base class; these pin that the export
    # refuses the same queries with the same ids and classifies a bad cursor as the reader does.
    BeforeAll {
        $script:exportFolder = Join-Path $script:work 'shared-checks'
        New-Item -ItemType Directory -Path $script:exportFolder | Out-Null
        $script:files = New-OktaFileDestination -Path $script:exportFolder
    }

    It 'refuses a keyword Okta would refuse, with the reader''s error id' {
        { Export-OktaSystemLog -Destination $script:files -Keyword ('x' * 41) } |
            Should -Throw -ErrorId 'OktaInvalidSystemLogQuery,OktaIntegration.Commands.ExportOktaSystemLogCommand'
    }

    It 'reports a folder given as -CursorPath as a file-access error, as Get-OktaSystemLog does' {
        $errors = @()
        $summary = Export-OktaSystemLog -Destination $script:files -Since $script:since -CursorPath $script:exportFolder -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'OktaFileAccessFailed,OktaIntegration.Commands.ExportOktaSystemLogCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'WriteError'
        $summary.Acknowledged | Should -Be 0
    }

    It 'completes -EventType from the same catalog' {
        $line = 'Export-OktaSystemLog -EventType user.session.'
        $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $result.CompletionMatches.CompletionText | Should -Contain 'user.session.start'
    }
}
