using System;
using System.Collections.Generic;
using System.Linq;
using OktaIntegration.Core.SystemLog;

namespace OktaIntegration.Core.Detection;

/// <summary>
/// Everything the rules remember: per-user baselines and recent sign-ins, the open windows of the
/// windowed rules, and the fingerprints of findings already emitted. Time is EVENT time: the
/// watermark is the newest event time seen, and windows, baselines and fingerprints expire behind
/// it, so replaying old events or receiving late ones behaves as a live run would.
/// Bounded by the caps in the settings' <c>state</c> section (see DetectionDefaults.json):
/// <list type="bullet">
/// <item>maxUsers profiles (the least recently seen go first), each with maxValuesPerUser values per
/// dimension and maxSignInsPerUser recent sign-ins; values unseen for baselineExpiryDays expire;</item>
/// <item>maxWindows windows (the stalest go first) of at most maxEntriesPerWindow entries, each kept
/// for its window plus lateEventMinutes;</item>
/// <item>maxFingerprints fingerprints, each kept fingerprintDays past the end of its quiet period.</item>
/// </list>
/// </summary>
public sealed class DetectionState
{
    private readonly Dictionary<string, UserProfile> _profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EventWindow> _windows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _emitted = new(StringComparer.Ordinal);
    private int _sinceCompact;

    public DetectionState(DetectionSettings settings, string? org = null)
    {
        Org = org;
        MaxUsers = (int)settings.Limit("maxUsers");
        MaxValuesPerUser = (int)settings.Limit("maxValuesPerUser");
        MaxSignInsPerUser = (int)settings.Limit("maxSignInsPerUser");
        BaselineExpiry = TimeSpan.FromDays(settings.Limit("baselineExpiryDays"));
        MaxWindows = (int)settings.Limit("maxWindows");
        MaxEntriesPerWindow = (int)settings.Limit("maxEntriesPerWindow");
        MaxFingerprints = (int)settings.Limit("maxFingerprints");
        FingerprintLifetime = TimeSpan.FromDays(settings.Limit("fingerprintDays"));
        LateEventAllowance = TimeSpan.FromMinutes(settings.Limit("lateEventMinutes"));
    }

    /// <summary>The org origin this state belongs to; null when unknown (events piped in without a connection).</summary>
    public string? Org { get; internal set; }

    /// <summary>The newest event time seen, in Unix milliseconds.</summary>
    public long WatermarkMs { get; internal set; } = long.MinValue;

    public int MaxUsers { get; }

    public int MaxValuesPerUser { get; }

    public int MaxSignInsPerUser { get; }

    public TimeSpan BaselineExpiry { get; }

    public int MaxWindows { get; }

    public int MaxEntriesPerWindow { get; }

    public int MaxFingerprints { get; }

    public TimeSpan FingerprintLifetime { get; }

    public TimeSpan LateEventAllowance { get; }

    public int UserCount => _profiles.Count;

    public int WindowCount => _windows.Count;

    public int FingerprintCount => _emitted.Count;

    internal IEnumerable<UserProfile> Profiles => _profiles.Values;

    internal IEnumerable<KeyValuePair<string, EventWindow>> Windows => _windows;

    internal IEnumerable<KeyValuePair<string, long>> Emitted => _emitted;

    public static string UserKey(string? login)
    {
        if (login == null) return string.Empty;
        foreach (var c in login)
            if (char.IsUpper(c)) return login.ToLowerInvariant();
        return login; // already lower case: no copy
    }

    public UserProfile? FindProfile(string? login) => login != null && _profiles.TryGetValue(UserKey(login), out var p) ? p : null;

    internal UserProfile Profile(string login)
    {
        var key = UserKey(login);
        if (!_profiles.TryGetValue(key, out var profile))
        {
            profile = new UserProfile(key);
            _profiles[key] = profile;
        }
        return profile;
    }

    /// <summary>The window of <paramref name="key"/>, created with the given length when missing; entries past the length plus the late-event allowance are dropped.</summary>
    public EventWindow Window(string key, TimeSpan length)
    {
        var horizon = (long)(length + LateEventAllowance).TotalMilliseconds;
        if (!_windows.TryGetValue(key, out var window))
        {
            window = new EventWindow(horizon);
            _windows[key] = window;
        }
        else if (window.HorizonMs != horizon)
        {
            window.HorizonMs = horizon;
        }
        window.Prune(WatermarkMs);
        return window;
    }

    public EventWindow? FindWindow(string key) => _windows.TryGetValue(key, out var w) ? w : null;

    /// <summary>Every window whose key starts with <paramref name="prefix"/> (a snapshot, safe to change the state while enumerating).</summary>
    public IReadOnlyList<KeyValuePair<string, EventWindow>> WindowsStartingWith(string prefix) =>
        _windows.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToArray();

    public void RemoveWindow(string key) => _windows.Remove(key);

    /// <summary>Adds an entry to a window, honouring the per-window cap; false when the event is already there.</summary>
    public bool Add(EventWindow window, WindowEntry entry) => window.Add(entry, MaxEntriesPerWindow);

    /// <summary>
    /// True when the finding is new: its fingerprint was never emitted, or the last report of it went
    /// quiet (<paramref name="suppress"/> after its last event; zero means fingerprintDays) before
    /// this one began, which makes it a new incident. Otherwise it is a repeat — an overlapping run,
    /// an attack that goes on, a late event — and extends the quiet period instead, so one incident
    /// is reported once. The fingerprint is kept fingerprintDays past its quiet period, so events
    /// read again by a later run are still recognised as the incident already reported.
    /// </summary>
    internal bool TryEmit(string fingerprint, long firstSeenMs, long lastSeenMs, TimeSpan suppress)
    {
        var quietUntil = lastSeenMs + (long)(suppress > TimeSpan.Zero ? suppress : FingerprintLifetime).TotalMilliseconds;
        if (_emitted.TryGetValue(fingerprint, out var current) && firstSeenMs <= current)
        {
            if (quietUntil > current) _emitted[fingerprint] = quietUntil;
            return false;
        }
        _emitted[fingerprint] = quietUntil;
        return true;
    }

    internal void Advance(long eventMs)
    {
        if (eventMs > WatermarkMs) WatermarkMs = eventMs;
        if (++_sinceCompact >= 20_000 || _windows.Count > MaxWindows + MaxWindows / 10 || _profiles.Count > MaxUsers + MaxUsers / 10 || _emitted.Count > MaxFingerprints + MaxFingerprints / 10)
            Compact();
    }

    /// <summary>Records a successful sign-in in the user's profile (after the rules have compared it with the baseline).</summary>
    internal void RecordSignIn(OktaLogEvent e)
    {
        if (e.ActorAlternateId == null) return;
        var profile = Profile(e.ActorAlternateId);
        var t = e.Published.ToUnixTimeMilliseconds();
        foreach (var s in profile.SignIns) if (s.Uuid == e.Uuid) return; // seen on an overlapping run
        profile.UserId ??= e.ActorId;
        profile.Login ??= e.ActorAlternateId;
        if (t < profile.FirstSignInMs) profile.FirstSignInMs = t;
        if (t > profile.LastSeenMs) profile.LastSeenMs = t;
        profile.SignInCount++;
        if (e.Country != null) profile.Observe("country", e.Country, t, MaxValuesPerUser);
        if (e.AsNumber.HasValue) profile.Observe("asn", e.AsNumber.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), t, MaxValuesPerUser);
        if (e.OperatingSystem != null) profile.Observe("device", e.OperatingSystem, t, MaxValuesPerUser);
        if (e.Browser != null) profile.Observe("browser", e.Browser, t, MaxValuesPerUser);
        profile.Observe("hour", e.Published.UtcDateTime.Hour.ToString(System.Globalization.CultureInfo.InvariantCulture), t, MaxValuesPerUser);
        var signIn = new SignIn(t, e.Uuid, e.ClientIp, e.Country, e.City, e.Latitude, e.Longitude, e.AsNumber, e.IsProxy == true, e.UserAgent);
        var i = profile.SignIns.Count;
        while (i > 0 && profile.SignIns[i - 1].TimeMs > t) i--;
        profile.SignIns.Insert(i, signIn);
        if (profile.SignIns.Count > MaxSignInsPerUser) profile.SignIns.RemoveAt(0);
    }

    /// <summary>Records the app of a single sign-on in the user's baseline.</summary>
    internal void RecordApp(OktaLogEvent e)
    {
        if (e.ActorAlternateId == null || e.TargetDisplayName == null) return;
        var profile = FindProfile(e.ActorAlternateId);
        if (profile == null) return; // apps only join a baseline that sign-ins started
        var t = e.Published.ToUnixTimeMilliseconds();
        profile.Observe("app", e.TargetDisplayName, t, MaxValuesPerUser);
        if (t > profile.LastSeenMs) profile.LastSeenMs = t;
    }

    internal void AddProfile(UserProfile profile) => _profiles[profile.Key] = profile;

    internal void AddWindow(string key, EventWindow window) => _windows[key] = window;

    internal void AddFingerprint(string fingerprint, long expiresMs) => _emitted[fingerprint] = expiresMs;

    /// <summary>Expires what is past its horizon and enforces the caps, stalest first.</summary>
    public void Compact()
    {
        _sinceCompact = 0;
        if (WatermarkMs == long.MinValue) return;
        var now = WatermarkMs;

        foreach (var kv in _windows.ToArray())
        {
            kv.Value.Prune(now);
            if (kv.Value.Count == 0) _windows.Remove(kv.Key);
        }
        if (_windows.Count > MaxWindows)
        {
            foreach (var kv in _windows.OrderBy(kv => kv.Value.LatestMs).Take(_windows.Count - MaxWindows).ToArray()) _windows.Remove(kv.Key);
        }

        var baselineCutoff = now - (long)BaselineExpiry.TotalMilliseconds;
        foreach (var kv in _profiles.ToArray())
        {
            if (kv.Value.LastSeenMs < baselineCutoff)
            {
                _profiles.Remove(kv.Key);
                continue;
            }
            kv.Value.Expire(baselineCutoff);
        }
        if (_profiles.Count > MaxUsers)
        {
            foreach (var kv in _profiles.OrderBy(kv => kv.Value.LastSeenMs).Take(_profiles.Count - MaxUsers).ToArray()) _profiles.Remove(kv.Key);
        }

        var fingerprintCutoff = now - (long)FingerprintLifetime.TotalMilliseconds;
        foreach (var kv in _emitted.ToArray()) if (kv.Value < fingerprintCutoff) _emitted.Remove(kv.Key);
        if (_emitted.Count > MaxFingerprints)
        {
            foreach (var kv in _emitted.OrderBy(kv => kv.Value).Take(_emitted.Count - MaxFingerprints).ToArray()) _emitted.Remove(kv.Key);
        }
    }
}
