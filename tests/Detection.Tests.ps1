#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    Find-OktaThreat against the emulator with every threat scenario planted (--scenarios all):
    the planted attacks are found, the near-misses are not, findings pipe into the response
    cmdlets (-WhatIf), and -StatePath carries an attack across two runs.
    The ground truth comes from the emulator's --scenario-labels file.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OktaTestModule
    $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ('detect-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:work | Out-Null
    $labelsPath = Join-Path $script:work 'labels.json'
    $script:settingsPath = Join-Path $script:work 'settings.json'
    # 150 users: every scenario gets its own victims.
    $script:org = Start-TestEmulator -Users 150 -Events 0 -ArgumentList '--scenarios', 'all', '--scenario-labels', $labelsPath, '--scenario-settings', $script:settingsPath
    Connect-OktaTenant -OrgUrl $script:org.Url -ApiToken $script:org.SecureApiToken
    $script:labels = @(Get-Content -LiteralPath $labelsPath -Raw | ConvertFrom-Json)
    $script:attacks = @($script:labels | Where-Object IsAttack)
    $script:nearMisses = @($script:labels | Where-Object { -not $_.IsAttack })
    $script:since = (Get-Date).ToUniversalTime().AddDays(-12)
    $script:until = (Get-Date).ToUniversalTime().AddMinutes(1)
    $script:events = @(Get-OktaSystemLog -Since $script:since -Until $script:until)
    $script:findings = @($script:events | Find-OktaThreat -Settings $script:settingsPath)

    function script:Test-Match($Finding, $Label) {
        $start = ([DateTimeOffset]$Label.Start).AddHours(-1)
        $end = ([DateTimeOffset]$Label.End).AddHours(13)
        if ($Finding.LastSeen -lt $start -or $Finding.FirstSeen -gt $end) { return $false }
        if ($Label.UserId -and $Finding.UserId -eq $Label.UserId) { return $true }
        if ($Label.Login -and $Finding.Login -eq $Label.Login) { return $true }
        if ($Label.Ip -and $Finding.ClientIp -eq $Label.Ip) { return $true }
        return (-not $Finding.UserId -and -not $Finding.Login -and -not $Finding.ClientIp -and $Finding.Rule -eq $Label.Rule)
    }
}

AfterAll {
    $script:org | Stop-TestEmulator
    Remove-Item -LiteralPath $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Find-OktaThreat over the emulator''s planted scenarios' {
    It 'finds every planted attack with the rule that detects it' {
        $script:attacks.Count | Should -BeGreaterThan 10
        $missed = @($script:attacks | Where-Object { $label = $_; -not @($script:findings | Where-Object { $_.Rule -eq $label.Rule -and (Test-Match $_ $label) }).Count })
        $missed.Scenario | Should -BeNullOrEmpty
    }

    It 'reports nothing on benign traffic or the near-misses' {
        $unexpected = @($script:findings | Where-Object { $f = $_; -not @($script:attacks | Where-Object { Test-Match $f $_ }).Count })
        ($unexpected | ForEach-Object ToString) | Should -BeNullOrEmpty
        foreach ($near in $script:nearMisses) {
            @($script:findings | Where-Object { $_.Rule -eq $near.Rule -and $_.Login -eq $near.Login }).Count | Should -Be 0 -Because "$($near.Scenario) must not fire"
        }
    }

    It 'writes typed findings whose Severity sorts and filters by order' {
        $script:findings[0].GetType().FullName | Should -Be 'OktaIntegration.Core.Detection.OktaThreatFinding'
        $high = @($script:findings | Where-Object Severity -ge High)
        $high.Count | Should -BeGreaterThan 0
        $high | ForEach-Object { [int]$_.Severity | Should -BeGreaterOrEqual 3 }
        ($script:findings | Sort-Object Severity -Descending | Select-Object -First 1).Severity.ToString() | Should -Be 'Critical'
    }

    It 'pipes into Revoke-OktaUserSession and Block-OktaIpAddress by property name (-WhatIf sends nothing)' {
        @($script:findings | Where-Object { $_.Severity -ge 'High' -and $_.UserId }).Count | Should -BeGreaterThan 0
        $records = Get-OktaSystemLog -Since $script:since -Until $script:until | Find-OktaThreat -Settings $script:settingsPath |
            Where-Object Severity -ge High | Where-Object UserId | Revoke-OktaUserSession -WhatIf -Verbose -ErrorAction Stop 4>&1
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '^(POST|PUT|DELETE) ' }).Count | Should -Be 0
        { $script:findings | Where-Object ClientIp | Block-OktaIpAddress -WhatIf -ErrorAction Stop } | Should -Not -Throw
    }

    It 'exports one clean CSV row per finding' {
        $csv = Join-Path $script:work 'findings.csv'
        $script:findings | Export-Csv -LiteralPath $csv -NoTypeInformation
        $rows = @(Import-Csv -LiteralPath $csv)
        $rows.Count | Should -Be $script:findings.Count
        # No .NET type name in any cell (case-sensitive: Okta's own event types such as system.email… may appear in summaries).
        (Get-Content -LiteralPath $csv -Raw) | Should -Not -MatchExactly 'System\.[A-Z]|OktaIntegration\.Core'
        $rows[0].Evidence | Should -Match '^[0-9a-f-]{36}( [0-9a-f-]{36})*$'
    }

    It 'carries an attack across two runs that share -StatePath, and emits each finding once' {
        $state = Join-Path $script:work 'threat-state.json'
        $fatigue = $script:attacks | Where-Object Rule -eq 'MfaPushFatigue' | Select-Object -First 1
        # Cut in the middle of the denied pushes: neither run alone sees five.
        $cut = ([DateTimeOffset]$fatigue.Start).AddSeconds(90).UtcDateTime
        $first = @($script:events | Where-Object { $_.Published -lt $cut } | Find-OktaThreat -Settings $script:settingsPath -StatePath $state -Rule MfaPushFatigue)
        $second = @($script:events | Where-Object { $_.Published -ge $cut } | Find-OktaThreat -Settings $script:settingsPath -StatePath $state -Rule MfaPushFatigue)
        @($first | Where-Object Login -eq $fatigue.Login).Count | Should -Be 0
        @($second | Where-Object Login -eq $fatigue.Login).Count | Should -BeGreaterThan 0
        # The same events again (an overlapping run): nothing new.
        @($script:events | Where-Object { $_.Published -ge $cut } | Find-OktaThreat -Settings $script:settingsPath -StatePath $state -Rule MfaPushFatigue).Count | Should -Be 0
    }

    It 'refuses a damaged state file with its own error id and leaves it untouched' {
        $state = Join-Path $script:work 'damaged.json'
        Set-Content -LiteralPath $state -Value '{ "format": 1, "users": [' -NoNewline
        { $script:events | Select-Object -First 5 | Find-OktaThreat -StatePath $state } | Should -Throw -ErrorId 'OktaThreatStateDamaged*'
        Get-Content -LiteralPath $state -Raw | Should -Be '{ "format": 1, "users": ['
    }

    It 'names a missing state folder OktaFileNotFound and a state file it cannot write OktaFileAccessFailed, not a damaged state' {
        $missing = Join-Path $script:work 'no-such-folder/state.json'
        { $script:events | Select-Object -First 5 | Find-OktaThreat -StatePath $missing } | Should -Throw -ErrorId 'OktaFileNotFound*'
        # The atomic write goes through <file>.tmp; a folder of that name makes the write fail (as root, chmod would not).
        $state = Join-Path $script:work 'unwritable-state.json'
        New-Item -ItemType Directory -Path "$state.tmp" | Out-Null
        { $script:events | Select-Object -First 5 | Find-OktaThreat -StatePath $state } | Should -Throw -ErrorId 'OktaFileAccessFailed*'
        Test-Path -LiteralPath $state | Should -BeFalse
    }

    It 'refuses events read from another org than the run''s, before saving anything, and takes them with that org''s -Connection' {
        $other = Start-TestEmulator -Users 20 -Events 200
        try {
            $b = Connect-OktaTenant -OrgUrl $other.Url -ApiToken $other.SecureApiToken -PassThru
            Connect-OktaTenant -OrgUrl $script:org.Url -ApiToken $script:org.SecureApiToken   # the default is the first org again
            $fromB = @(Get-OktaSystemLog -Connection $b -Since $script:since -Until $script:until)
            $fromB.Count | Should -BeGreaterThan 0
            $state = Join-Path $script:work 'other-org.json'
            { $fromB | Find-OktaThreat -StatePath $state } |
                Should -Throw -ErrorId 'OktaEventFromOtherOrg,OktaIntegration.Commands.FindOktaThreatCommand'
            Test-Path -LiteralPath $state | Should -BeFalse
            # With the events' own org the run goes through and the state file belongs to it.
            $fromB | Find-OktaThreat -Connection $b -StatePath $state | Out-Null
            (Get-Content -LiteralPath $state -Raw | ConvertFrom-Json).org | Should -Be $b.OrgUrl
        }
        finally {
            if ($b) { Disconnect-OktaTenant -Connection $b }
            $other | Stop-TestEmulator
        }
    }

    It 'saves -CursorPath only together with -StatePath: a run stopped early saves neither, and the next run misses nothing' {
        $cursor = Join-Path $script:work 'stopped.cursor'
        $state = Join-Path $script:work 'stopped.state.json'
        $everything = @(Find-OktaThreat -Since $script:since -Settings $script:settingsPath)
        $everything.Count | Should -BeGreaterThan 1

        $first = @(Find-OktaThreat -Since $script:since -Settings $script:settingsPath -CursorPath $cursor -StatePath $state | Select-Object -First 1)
        $first.Count | Should -Be 1
        Test-Path -LiteralPath $cursor | Should -BeFalse -Because 'the state was not saved, so the cursor may not move past what it holds'

        $next = @(Find-OktaThreat -Since $script:since -Settings $script:settingsPath -CursorPath $cursor -StatePath $state)
        $next.Count | Should -Be $everything.Count
        @(Compare-Object ($everything | ForEach-Object { "$($_.Rule) $($_.Evidence)" }) ($next | ForEach-Object { "$($_.Rule) $($_.Evidence)" })).Count | Should -Be 0
        Test-Path -LiteralPath $cursor | Should -BeTrue
        @(Find-OktaThreat -Since $script:since -Settings $script:settingsPath -CursorPath $cursor -StatePath $state).Count | Should -Be 0 -Because 'the third run starts where the second saved both'
    }

    It 'reads the log itself and takes settings from a hashtable' {
        $found = @(Find-OktaThreat -Since $script:since -Until $script:until -Rule PasswordSpray -Settings @{ PasswordSpray = @{ minUsers = 6 } })
        $found.Rule | Sort-Object -Unique | Should -Be 'PasswordSpray'
        { Find-OktaThreat -Since $script:since -Settings @{ PasswordSpray = @{ minUser = 6 } } -ErrorAction Stop } | Should -Throw -ErrorId 'OktaInvalidThreatSettings*'
    }

    It 'completes rule names and documents every rule in its help' {
        $completion = TabExpansion2 -inputScript 'Find-OktaThreat -Rule Password' -cursorColumn 'Find-OktaThreat -Rule Password'.Length
        $completion.CompletionMatches.CompletionText | Should -Contain 'PasswordSpray'
        $help = Get-Help Find-OktaThreat -Full | Out-String -Width 300
        foreach ($rule in 'ImpossibleTravel', 'MfaPushFatigue', 'PasswordSpray', 'DistributedPasswordSpray', 'CredentialStuffing', 'BruteForce', 'SuccessAfterAttack',
            'AdminPrivilegeGranted', 'ApiTokenCreated', 'MfaFactorReset', 'SessionHijack', 'ThreatInsight', 'SuspiciousActivityReported', 'SecurityConfigTampering', 'NewSignInContext') {
            $help | Should -Match $rule
        }
    }
}

Describe 'Find-OktaThreat findings for a SIEM' {
    It 'converts every planted scenario''s finding to an OCSF Detection Finding with the required fields' {
        $script:findings.Count | Should -BeGreaterThan 10
        $rules = @($script:findings.Rule | Sort-Object -Unique)
        $ocsf = @($script:findings | ConvertTo-OktaSiemEvent -Schema Ocsf)
        $ocsf | Should -HaveCount $script:findings.Count
        for ($i = 0; $i -lt $ocsf.Count; $i++) {
            $o = $ocsf[$i]; $f = $script:findings[$i]
            $o.class_uid | Should -Be 2004
            $o.category_uid | Should -Be 2
            $o.type_uid | Should -Be 200401
            $o.activity_id | Should -Be 1
            $o.time | Should -Be $f.LastSeen.ToUnixTimeMilliseconds()
            $o.severity_id | Should -Be ([int]$f.Severity + 1)
            $o.metadata.uid | Should -Match '^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'
            $o.finding_info.uid | Should -Be $o.metadata.uid
            $o.finding_info.title | Should -Be $f.Title
            $o.finding_info.analytic.name | Should -Be $f.Rule
            $o.finding_info.attacks[0].technique.uid | Should -Be $f.MitreTechnique
            @($o.finding_info.related_events.uid) | Should -Be @($f.GetEvidence())
        }
        # Every rule that fired is covered, not just the first finding.
        @($ocsf.finding_info.analytic.name | Sort-Object -Unique) | Should -Be $rules
    }

    It 'converts findings to ECS alerts as JSON lines, with one id per finding' {
        $lines = @($script:findings | ConvertTo-OktaSiemEvent -Schema Ecs -AsJson)
        $lines | Should -HaveCount $script:findings.Count
        $ecs = @($lines | ConvertFrom-Json)
        $ecs.event.kind | Sort-Object -Unique | Should -Be 'alert'
        @($ecs.rule.name) | Should -Be @($script:findings.Rule)
        @($ecs.event.id | Sort-Object -Unique) | Should -HaveCount $script:findings.Count
        $withUser = @($script:findings | Where-Object UserId)
        $withUser.Count | Should -BeGreaterThan 0
        foreach ($f in $withUser) { ($ecs | Where-Object { $_.user.id -eq $f.UserId }) | Should -Not -BeNullOrEmpty }
    }

    It 'refuses ASIM for findings with its own error id' {
        { $script:findings | ConvertTo-OktaSiemEvent -Schema Asim } |
            Should -Throw -ErrorId 'OktaSchemaHasNoFindingClass,OktaIntegration.Commands.ConvertToOktaSiemEventCommand'
    }
}
