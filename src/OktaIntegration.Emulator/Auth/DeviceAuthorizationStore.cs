using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace OktaIntegration.Emulator.Auth;

/// <summary>
/// Device sign-ins in progress (RFC 8628) and the refresh tokens they led to. A user code waits
/// for a test to approve or deny it (Okta: the user on the activation page). Polls faster than
/// the code's interval get slow_down and raise the interval by 5 s, as Okta does.
/// </summary>
public sealed class DeviceAuthorizationStore
{
    private readonly ConcurrentDictionary<string, DeviceAuthorization> _byDeviceCode = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RefreshGrant> _refreshTokens = new(StringComparer.Ordinal);

    public DeviceAuthorization Create(string clientId, IReadOnlyCollection<string> scopes, TimeSpan interval, TimeSpan lifetime, bool approved)
    {
        var authorization = new DeviceAuthorization(Random(32), NewUserCode(), clientId, scopes.ToArray(), interval, DateTimeOffset.UtcNow + lifetime)
        {
            State = approved ? DeviceAuthorizationState.Approved : DeviceAuthorizationState.Pending,
        };
        _byDeviceCode[authorization.DeviceCode] = authorization;
        return authorization;
    }

    public DeviceAuthorization? FindByDeviceCode(string deviceCode) => _byDeviceCode.TryGetValue(deviceCode, out var a) ? a : null;

    public DeviceAuthorization? FindByUserCode(string userCode) =>
        _byDeviceCode.Values.FirstOrDefault(a => string.Equals(a.UserCode, userCode.Replace("-", string.Empty), StringComparison.OrdinalIgnoreCase)
            || string.Equals(a.UserCode, userCode, StringComparison.OrdinalIgnoreCase));

    /// <summary>The user approved the code; false when there is no such pending code.</summary>
    public bool Approve(string userCode) => Decide(userCode, DeviceAuthorizationState.Approved);

    /// <summary>The user refused the code; the next poll gets access_denied.</summary>
    public bool Deny(string userCode) => Decide(userCode, DeviceAuthorizationState.Denied);

    private bool Decide(string userCode, DeviceAuthorizationState state)
    {
        var authorization = FindByUserCode(userCode);
        if (authorization == null || authorization.State != DeviceAuthorizationState.Pending) return false;
        authorization.State = state;
        return true;
    }

    public string IssueRefreshToken(string clientId, IReadOnlyCollection<string> scopes)
    {
        var value = Random(32);
        _refreshTokens[value] = new RefreshGrant(clientId, scopes.ToArray());
        return value;
    }

    /// <summary>Spends a refresh token (Okta rotates them for public clients); null when unknown or for another client.</summary>
    public RefreshGrant? Redeem(string value, string clientId) =>
        _refreshTokens.TryRemove(value, out var grant) && grant.ClientId == clientId ? grant : null;

    private static string Random(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private static string NewUserCode()
    {
        const string letters = "BCDFGHJKLMNPQRSTVWXZ"; // no vowels, as Okta's codes avoid words
        var chars = new char[8];
        for (var i = 0; i < chars.Length; i++) chars[i] = letters[RandomNumberGenerator.GetInt32(letters.Length)];
        return new string(chars);
    }
}

public enum DeviceAuthorizationState
{
    Pending,
    Approved,
    Denied,
    Redeemed,
}

/// <summary>One device sign-in: its codes, what was asked, and how the client has been polling.</summary>
public sealed class DeviceAuthorization
{
    public DeviceAuthorization(string deviceCode, string userCode, string clientId, IReadOnlyList<string> scopes, TimeSpan interval, DateTimeOffset expiresAt)
    {
        DeviceCode = deviceCode;
        UserCode = userCode;
        ClientId = clientId;
        Scopes = scopes;
        Interval = interval;
        ExpiresAt = expiresAt;
    }

    public string DeviceCode { get; }

    public string UserCode { get; }

    public string ClientId { get; }

    public IReadOnlyList<string> Scopes { get; }

    /// <summary>The least time between polls; each slow_down adds 5 s.</summary>
    public TimeSpan Interval { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DeviceAuthorizationState State { get; set; }

    public DateTimeOffset? LastPoll { get; set; }

    /// <summary>Polls answered (any answer); tests read it.</summary>
    public int Polls { get; set; }

    /// <summary>slow_down answers given; a client that honours them gets one per provocation.</summary>
    public int SlowDowns { get; set; }

    /// <summary>Not Okta: the next poll answers slow_down whatever its timing, so tests can provoke one.</summary>
    public bool SlowDownNextPoll { get; set; }
}

/// <summary>What a refresh token stands for.</summary>
public sealed record RefreshGrant(string ClientId, IReadOnlyList<string> Scopes);
