#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    Export-OktaSystemLog from a clean session against the emulator process: to NDJSON files and to
    the emulator's Splunk HTTP Event Collector, then a second run that delivers only what is new.
    Ground truth comes straight from the emulator's API (Invoke-TestEmulatorApi), not the module.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OktaTestModule
    $script:org = Start-TestEmulator -Events 700 -Users 30
    $script:url = $script:org.Url.TrimEnd('/')
    Connect-OktaTenant -OrgUrl $script:url -ApiToken $script:org.SecureApiToken
    $script:since = [DateTimeOffset]::UtcNow.AddDays(-31)
    $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ("okta-siem-pester-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:work | Out-Null

    function script:Get-TruthUuids {
        $until = [DateTimeOffset]::UtcNow.AddMinutes(1).ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [cultureinfo]::InvariantCulture)
        $from = $script:since.ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [cultureinfo]::InvariantCulture)
        @(Invoke-TestEmulatorApi -Emulator $script:org -Path "/api/v1/logs?since=$from&until=$until&limit=1000" | ForEach-Object { $_.uuid })
    }

    function script:New-OktaEvents {
        # Real System Log events, written by the emulator for a response action: suspend, then resume.
        $user = Get-OktaGroup | Select-Object -First 1 | Get-OktaGroupMember | Where-Object Status -eq 'ACTIVE' | Select-Object -First 1
        $user | Suspend-OktaUser -Confirm:$false | Out-Null
        $user | Resume-OktaUser -Confirm:$false | Out-Null
    }

    function script:Get-NdjsonUuids([string] $Folder) {
        @(Get-ChildItem -LiteralPath $Folder -Filter *.ndjson | Sort-Object Name | Get-Content | ForEach-Object { ($_ | ConvertFrom-Json).event.id })
    }
}

AfterAll {
    Disconnect-OktaTenant
    Stop-TestEmulator $script:org
    Remove-Item -LiteralPath $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Export-OktaSystemLog to NDJSON files' {
    It 'delivers every event once in ECS, and a second run only the new ones' {
        $out = Join-Path $script:work 'ndjson'
        New-Item -ItemType Directory -Path $out | Out-Null
        $cursor = Join-Path $script:work 'files.cursor'
        $files = New-OktaFileDestination -Path $out

        $first = Export-OktaSystemLog -Destination $files -Schema Ecs -CursorPath $cursor -Since $script:since
        $first.Succeeded | Should -BeTrue
        $truth = Get-TruthUuids
        $first.Acknowledged | Should -Be $truth.Count
        $delivered = Get-NdjsonUuids $out
        $delivered.Count | Should -Be $truth.Count
        @(Compare-Object $truth $delivered).Count | Should -Be 0

        New-OktaEvents
        $second = Export-OktaSystemLog -Destination $files -Schema Ecs -CursorPath $cursor -Since $script:since
        $second.Succeeded | Should -BeTrue
        $second.Acknowledged | Should -Be 2
        $truth = Get-TruthUuids
        $delivered = Get-NdjsonUuids $out
        $delivered.Count | Should -Be $truth.Count -Because 'the second run writes only what is new'
        @(Compare-Object $truth $delivered).Count | Should -Be 0
    }

    It '-WhatIf reads, sends and writes nothing: no request, no file, no cursor, and a real run then delivers everything' {
        $out = Join-Path $script:work 'whatif'
        New-Item -ItemType Directory -Path $out | Out-Null
        $cursor = Join-Path $script:work 'whatif.cursor'
        $files = New-OktaFileDestination -Path $out

        $records = @(Export-OktaSystemLog -Destination $files -Schema Ecs -CursorPath $cursor -Since $script:since -WhatIf -Verbose 4>&1)
        @($records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -BeNullOrEmpty -Because 'no run, no summary'
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '^(GET|POST) ' }) | Should -BeNullOrEmpty
        @(Get-ChildItem -LiteralPath $out -Force) | Should -BeNullOrEmpty
        @(Get-ChildItem -LiteralPath $script:work -Filter 'whatif.cursor*' -Force) | Should -BeNullOrEmpty -Because 'neither the cursor nor its lock is created'

        $real = Export-OktaSystemLog -Destination $files -Schema Ecs -CursorPath $cursor -Since $script:since -Verbose 4>&1
        $summary = @($real | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $summary.Count | Should -Be 1
        $summary[0].Acknowledged | Should -Be (Get-TruthUuids).Count
        @($real | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'Export the System Log' -and $_.Message -match [regex]::Escape($cursor) }) | Should -Not -BeNullOrEmpty -Because 'the confirmation target names the cursor'
    }

    It 'fails with OktaInvalidDestination for a folder that does not exist' {
        { New-OktaFileDestination -Path (Join-Path $script:work 'missing') } | Should -Throw -ErrorId 'OktaInvalidDestination,OktaIntegration.Commands.NewOktaFileDestinationCommand'
    }
}

Describe 'Export-OktaSystemLog to the Splunk HTTP Event Collector' {
    It 'indexes every event once with indexer acknowledgement, and a second run only the new ones' {
        $token = ConvertTo-SecureString '11111111-2222-3333-4444-555555555555' -AsPlainText -Force
        $splunk = New-OktaSplunkDestination -Url $script:url -Token $token
        $cursor = Join-Path $script:work 'hec.cursor'

        $first = Export-OktaSystemLog -Destination $splunk -CursorPath $cursor -Since $script:since
        $first.Succeeded | Should -BeTrue
        $indexed = @(Invoke-TestEmulatorApi -Emulator $script:org -Path '/emulator/splunk/indexed' | ForEach-Object { $_.uuid })
        $truth = Get-TruthUuids
        $indexed.Count | Should -Be $truth.Count
        @(Compare-Object $truth $indexed).Count | Should -Be 0

        New-OktaEvents
        $second = Export-OktaSystemLog -Destination $splunk -CursorPath $cursor -Since $script:since
        $second.Acknowledged | Should -Be 2
        $indexed = @(Invoke-TestEmulatorApi -Emulator $script:org -Path '/emulator/splunk/indexed' | ForEach-Object { $_.uuid })
        $truth = Get-TruthUuids
        $indexed.Count | Should -Be $truth.Count -Because 'nothing is indexed twice'
        @(Compare-Object $truth $indexed).Count | Should -Be 0
    }

    It 'never shows the token, and a wrong token stops the run with OktaExportFailed and no cursor' {
        $secret = 'wrong-token-0123456789'
        $splunk = New-OktaSplunkDestination -Url $script:url -Token (ConvertTo-SecureString $secret -AsPlainText -Force)
        ($splunk | Format-List * | Out-String) | Should -Not -Match $secret
        $cursor = Join-Path $script:work 'bad.cursor'
        $summary = Export-OktaSystemLog -Destination $splunk -CursorPath $cursor -Since $script:since -ErrorVariable failures -ErrorAction SilentlyContinue
        $summary.Succeeded | Should -BeFalse
        $failures[0].FullyQualifiedErrorId | Should -Be 'OktaExportFailed,OktaIntegration.Commands.ExportOktaSystemLogCommand'
        "$($failures[0])" | Should -Not -Match $secret
        Test-Path -LiteralPath $cursor | Should -BeFalse
    }

    It 'warns when the token turns out to have indexer acknowledgement off, and not with -NoAck' {
        $token = ConvertTo-SecureString '66666666-7777-8888-9999-000000000000' -AsPlainText -Force # the emulator's token without ack
        $asked = Export-OktaSystemLog -Destination (New-OktaSplunkDestination -Url $script:url -Token $token) -Since $script:since -WarningVariable askedWarnings -WarningAction SilentlyContinue
        $asked.Succeeded | Should -BeTrue
        @($askedWarnings | Where-Object { "$_" -match 'indexer acknowledgement off' }).Count | Should -Be 1
        $told = Export-OktaSystemLog -Destination (New-OktaSplunkDestination -Url $script:url -Token $token -NoAck) -Since $script:since -WarningVariable toldWarnings -WarningAction SilentlyContinue
        $told.Succeeded | Should -BeTrue
        @($toldWarnings | Where-Object { "$_" -match 'indexer acknowledgement' }).Count | Should -Be 0
    }
}

Describe 'Destination URLs with credentials in them' {
    It 'refuses <Cmdlet> with OktaInvalidDestination and shows neither the user nor the password' -ForEach @(
        @{ Cmdlet = 'New-OktaElasticDestination'; Run = { New-OktaElasticDestination -Url 'https://elastic:s3cret@siem.example.com:9200' -ApiKey (ConvertTo-SecureString 'k' -AsPlainText -Force) -WhatIf:$false } }
        @{ Cmdlet = 'New-OktaSplunkDestination'; Run = { New-OktaSplunkDestination -Url 'https://elastic:s3cret@siem.example.com:9200' -Token (ConvertTo-SecureString 't' -AsPlainText -Force) -WhatIf:$false } }
    ) {
        $caught = $null
        try { & $Run } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'OktaInvalidDestination,*'
        # Not Out-String: it quotes the command line as typed, which holds the password the user wrote.
        $shown = $caught.Exception.Message + "$($caught.TargetObject)" + $caught.CategoryInfo.ToString() + "$($caught.ErrorDetails)"
        $shown | Should -Not -Match 's3cret'
        $shown | Should -Not -Match 'elastic:'
        $shown | Should -Match 'https://siem.example.com:9200'
    }
}

Describe 'ConvertTo-OktaSiemEvent' {
    It 'writes OCSF with the class by event type and metadata.uid = uuid' {
        $events = @(Get-OktaSystemLog -Since $script:since -Until ([DateTimeOffset]::UtcNow) -EventType user.session.start -First 3)
        $ocsf = @($events | ConvertTo-OktaSiemEvent -Schema Ocsf)
        $ocsf.Count | Should -Be 3
        $ocsf[0].class_uid | Should -Be 3002
        $ocsf[0].metadata.uid | Should -Be $events[0].Uuid
        ($events[0] | ConvertTo-OktaSiemEvent -Schema Ecs -AsJson | ConvertFrom-Json).event.id | Should -Be $events[0].Uuid
    }
}
