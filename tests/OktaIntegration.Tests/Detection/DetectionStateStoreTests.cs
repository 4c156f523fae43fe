using System;
using System.Collections;
using System.IO;
using System.Linq;
using OktaIntegration.Core.Detection;
using Xunit;

namespace OktaIntegration.Tests.Detection;

public class DetectionStateStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "threat-state-tests-" + Guid.NewGuid().ToString("N"));

    public DetectionStateStoreTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Damaged_file_is_its_own_error_and_is_left_untouched()
    {
        var path = Path.Combine(_dir, "state.json");
        File.WriteAllText(path, "{ \"format\": 1, \"org\": \"https://a.okta.com\", \"users\": [ { \"key\"");
        var before = File.ReadAllBytes(path);
        var ex = Assert.Throws<DetectionStateException>(() => DetectionStateStore.Open(path, "https://a.okta.com", DetectionSettings.CreateDefault()));
        Assert.Equal(DetectionStateProblem.Damaged, ex.Problem);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void File_of_another_org_is_refused()
    {
        var path = Path.Combine(_dir, "state.json");
        DetectionTestKit.RunWithState(path, DetectionTestKit.Parse(DetectionTestKit.Build("api-token").Events.Take(50)));
        var ex = Assert.Throws<DetectionStateException>(() => DetectionStateStore.Open(path, "https://other.okta.com", DetectionSettings.CreateDefault()));
        Assert.Equal(DetectionStateProblem.Mismatch, ex.Problem);
    }

    [Fact]
    public void Second_run_on_a_locked_file_is_refused_at_once()
    {
        var path = Path.Combine(_dir, "state.json");
        using var first = DetectionStateStore.Open(path, "https://a.okta.com", DetectionSettings.CreateDefault());
        var ex = Assert.Throws<DetectionStateException>(() => DetectionStateStore.Open(path, "https://a.okta.com", DetectionSettings.CreateDefault()));
        Assert.Equal(DetectionStateProblem.InUse, ex.Problem);
    }

    [Fact]
    public void State_round_trips_baselines_windows_and_fingerprints()
    {
        var path = Path.Combine(_dir, "state.json");
        var g = DetectionTestKit.Build("mfa-four-denies");
        DetectionTestKit.RunWithState(path, DetectionTestKit.Parse(g.Events));
        using var store = DetectionStateStore.Open(path, "https://test.okta.com", DetectionTestKit.Settings());
        Assert.Equal(70, store.State.UserCount);
        var profile = store.State.FindProfile("user0@example.com")!;
        Assert.True(profile.SignInCount >= 10);
        Assert.True(profile.HasSeen("country", "United States"));
        Assert.True(profile.HasSeen("browser", "CHROME"));
        Assert.NotNull(profile.Values("app"));
    }

    [Fact]
    public void Caps_bound_the_state_whatever_the_number_of_events()
    {
        var settings = DetectionSettings.FromJson("{ \"state\": { \"maxUsers\": 20, \"maxWindows\": 10, \"maxFingerprints\": 5 } }");
        var state = new DetectionState(settings);
        var events = DetectionTestKit.Parse(DetectionTestKit.Build(ThreatScenarioNames()).Events);
        new ThreatDetector(settings, state, ThreatRuleCatalog.Create(settings)).Run(events);
        Assert.True(state.UserCount <= 20, $"{state.UserCount} users");
        Assert.True(state.WindowCount <= 10, $"{state.WindowCount} windows");
        Assert.True(state.FingerprintCount <= 5, $"{state.FingerprintCount} fingerprints");
    }

    private static string[] ThreatScenarioNames() => new[] { "password-spray", "credential-stuffing", "session-hijack", "admin-grant", "api-token", "threatinsight" };

    [Fact]
    public void Settings_reject_unknown_names_and_take_a_hashtable()
    {
        var ex = Assert.Throws<DetectionSettingsException>(() => DetectionSettings.FromJson("{ \"PasswordSpray\": { \"minUser\": 3 } }"));
        Assert.Contains("minUsers", ex.Message);
        Assert.Throws<DetectionSettingsException>(() => DetectionSettings.FromJson("{ \"NoSuchRule\": { } }"));
        Assert.Throws<DetectionSettingsException>(() => DetectionSettings.FromJson("{ \"allowList\": { \"ips\": [\"not-an-ip\"] } }"));
        var s = DetectionSettings.FromDictionary(new Hashtable
        {
            ["rules"] = new Hashtable { ["PasswordSpray"] = new Hashtable { ["minUsers"] = 8 } },
            ["allowList"] = new Hashtable { ["asns"] = new object[] { "AS64512", 7922 }, ["ips"] = "198.51.100.0/24" },
        });
        Assert.Equal(8, s.Integer("PasswordSpray", "minUsers"));
        Assert.Equal(15, s.Integer("PasswordSpray", "minAttempts"));
        Assert.True(s.AllowList.IsTrustedAsn(64512));
        Assert.True(s.AllowList.IsTrustedIp("198.51.100.77"));
        Assert.False(s.AllowList.IsTrustedIp("198.51.101.1"));
    }

    [Fact]
    public void Severity_is_ordered()
    {
        Assert.True(ThreatSeverity.Critical > ThreatSeverity.High && ThreatSeverity.High > ThreatSeverity.Medium
            && ThreatSeverity.Medium > ThreatSeverity.Low && ThreatSeverity.Low > ThreatSeverity.Informational);
    }

    [Fact]
    public void Unknown_rule_name_is_an_error_and_wildcards_choose_rules()
    {
        Assert.Throws<ArgumentException>(() => ThreatRuleCatalog.Create(DetectionSettings.CreateDefault(), new[] { "NoSuchRule" }));
        var chosen = ThreatRuleCatalog.Create(DetectionSettings.CreateDefault(), new[] { "*Spray" }, new[] { "Distributed*" });
        Assert.Equal(new[] { "PasswordSpray" }, chosen.Select(r => r.Name));
        Assert.Equal(15, ThreatRuleCatalog.Names.Count);
    }

    [Fact]
    public void State_file_with_an_impossible_time_is_refused_as_damaged_at_open_not_mid_run()
    {
        var path = Path.Combine(_dir, "state.json");
        // Valid JSON, the right shape, but a window entry 290 million years on: DateTimeOffset cannot hold it.
        File.WriteAllText(path, "{\"format\":1,\"org\":\"https://a.okta.com\",\"updated\":\"2026-06-01T00:00:00Z\",\"watermarkMs\":1780000000000,\"users\":[]," +
            "\"windows\":[{\"key\":\"BruteForce|lock|a@example.com\",\"horizonMs\":18000000,\"entries\":[[9200000000000000000,\"u1\",\"a@example.com\",null,null,0,0,0]]}],\"emitted\":[]}");
        var before = File.ReadAllBytes(path);
        var ex = Assert.Throws<DetectionStateException>(() => DetectionStateStore.Open(path, "https://a.okta.com", DetectionSettings.CreateDefault()));
        Assert.Equal(DetectionStateProblem.Damaged, ex.Problem);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Settings_refuse_a_share_given_as_a_percentage_and_numbers_that_are_not_finite()
    {
        // 60 meant as "60 %" would make the share unreachable and the rule silently never fire.
        var ex = Assert.Throws<DetectionSettingsException>(() => DetectionSettings.FromJson("{ \"PasswordSpray\": { \"minShareRetried\": 60 } }"));
        Assert.Contains("PasswordSpray.minShareRetried", ex.Message);
        Assert.Contains("0.6", ex.Message);
        Assert.Throws<DetectionSettingsException>(() => DetectionSettings.FromJson("{ \"CredentialStuffing\": { \"minShareFewAttempts\": 1.5 } }"));
        Assert.Throws<DetectionSettingsException>(() => DetectionSettings.FromJson("{ \"BruteForce\": { \"minFailures\": \"NaN\" } }"));
        Assert.Throws<DetectionSettingsException>(() => DetectionSettings.FromJson("{ \"state\": { \"maxUsers\": \"Infinity\" } }"));
        Assert.Equal(1.0, DetectionSettings.FromJson("{ \"PasswordSpray\": { \"minShareRetried\": 1 } }").Number("PasswordSpray", "minShareRetried"));
    }
}
