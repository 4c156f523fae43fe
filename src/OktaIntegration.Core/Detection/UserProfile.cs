using System;
using System.Collections.Generic;

namespace OktaIntegration.Core.Detection;

/// <summary>
/// What one user's successful sign-ins have looked like: per dimension (country, asn, device,
/// browser, app, hour) each value with first and last seen and a count, plus the most recent
/// sign-ins (time, place, address) that the travel and success-after-attack rules compare with.
/// Keyed by login (lower case), because failed sign-ins name the login, not always the user id.
/// </summary>
public sealed class UserProfile
{
    internal UserProfile(string key)
    {
        Key = key;
    }

    public string Key { get; }

    public string? UserId { get; internal set; }

    public string? Login { get; internal set; }

    public long FirstSignInMs { get; internal set; } = long.MaxValue;

    public long LastSeenMs { get; internal set; } = long.MinValue;

    public int SignInCount { get; internal set; }

    internal Dictionary<string, Dictionary<string, BaselineValue>> Dimensions { get; } = new(StringComparer.Ordinal);

    /// <summary>Recent successful sign-ins in event-time order; the last one is the last successful sign-in.</summary>
    internal List<SignIn> SignIns { get; } = new();

    /// <summary>True when the baseline has seen <paramref name="value"/> for <paramref name="dimension"/>.</summary>
    public bool HasSeen(string dimension, string value) => Dimensions.TryGetValue(dimension, out var values) && values.ContainsKey(value);

    public IReadOnlyDictionary<string, BaselineValue>? Values(string dimension) => Dimensions.TryGetValue(dimension, out var v) ? v : null;

    /// <summary>Counts one more sighting of a value, evicting the stalest value past the cap.</summary>
    internal void Observe(string dimension, string value, long timeMs, int maxValues)
    {
        if (!Dimensions.TryGetValue(dimension, out var values))
        {
            values = new Dictionary<string, BaselineValue>(StringComparer.OrdinalIgnoreCase);
            Dimensions[dimension] = values;
        }
        if (values.TryGetValue(value, out var seen))
        {
            seen.Count++;
            if (timeMs < seen.FirstMs) seen.FirstMs = timeMs;
            if (timeMs > seen.LastMs) seen.LastMs = timeMs;
            return;
        }
        if (values.Count >= maxValues)
        {
            string? stalest = null;
            var oldest = long.MaxValue;
            foreach (var kv in values)
            {
                if (kv.Value.LastMs < oldest)
                {
                    oldest = kv.Value.LastMs;
                    stalest = kv.Key;
                }
            }
            if (stalest != null) values.Remove(stalest);
        }
        values[value] = new BaselineValue(timeMs, timeMs, 1);
    }

    internal void Expire(long cutoffMs)
    {
        foreach (var values in Dimensions.Values)
        {
            List<string>? old = null;
            foreach (var kv in values) if (kv.Value.LastMs < cutoffMs) (old ??= new List<string>()).Add(kv.Key);
            if (old != null) foreach (var k in old) values.Remove(k);
        }
    }
}

/// <summary>One value of a baseline dimension: when it was first and last seen, and how often.</summary>
public sealed class BaselineValue
{
    public BaselineValue(long firstMs, long lastMs, int count)
    {
        FirstMs = firstMs;
        LastMs = lastMs;
        Count = count;
    }

    public long FirstMs { get; internal set; }

    public long LastMs { get; internal set; }

    public int Count { get; internal set; }
}

/// <summary>One successful sign-in: when, where from, and with what.</summary>
public sealed class SignIn
{
    public SignIn(long timeMs, string uuid, string? ip, string? country, string? city, double? latitude, double? longitude, long? asn, bool proxy, string? userAgent)
    {
        TimeMs = timeMs;
        Uuid = uuid;
        Ip = ip;
        Country = country;
        City = city;
        Latitude = latitude;
        Longitude = longitude;
        Asn = asn;
        Proxy = proxy;
        UserAgent = userAgent;
    }

    public long TimeMs { get; }

    public string Uuid { get; }

    public string? Ip { get; }

    public string? Country { get; }

    public string? City { get; }

    public double? Latitude { get; }

    public double? Longitude { get; }

    public long? Asn { get; }

    public bool Proxy { get; }

    public string? UserAgent { get; }
}
