using System;

namespace OktaIntegration.Emulator.SystemLog.Scenarios;

/// <summary>
/// What a planted scenario is: the attack (the rule that must find it) or a near-miss (that no rule
/// may report), the user or address it concerns, and its time span. The benchmark and the tests
/// compare findings with these labels.
/// </summary>
public sealed record GroundTruthLabel(string Scenario, string Rule, bool IsAttack, string? UserId, string? Login, string? Ip, DateTimeOffset Start, DateTimeOffset End);
