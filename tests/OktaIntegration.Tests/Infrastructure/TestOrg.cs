using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Auth;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Http;
using OktaIntegration.Emulator;

namespace OktaIntegration.Tests.Infrastructure;

/// <summary>
/// A fresh emulated org on 127.0.0.1 for one test, with an SSWS token and a service app
/// (RSA key, every scope, optional DPoP), plus helpers that connect Core to it.
/// </summary>
public sealed class TestOrg : IAsyncDisposable
{
    public const string ApiToken = "00TestTokenForTheEmulator-0123456789abcdef";
    public const string ClientId = "0oaTestServiceApp0001";
    public const string ClientSecret = "test-client-secret-0123456789";
    public static readonly string[] AllScopes =
    {
        "okta.users.read", "okta.logs.read", "okta.groups.read", "okta.users.manage", "okta.networkZones.read", "okta.networkZones.manage",
        "okta.roles.read",
    };

    private TestOrg(OktaEmulator emulator, TestKey appKey)
    {
        Emulator = emulator;
        AppKey = appKey;
    }

    public OktaEmulator Emulator { get; }

    public TestKey AppKey { get; }

    public ServiceAppRegistration App => Emulator.Options.Apps[0];

    public Uri BaseUrl => Emulator.BaseUrl;

    public static async Task<TestOrg> StartAsync(Action<EmulatorOptions>? configure = null, TestKey? appKey = null)
    {
        var key = appKey ?? TestKey.Rsa();
        var options = new EmulatorOptions { EventCount = 200, UserCount = 40 };
        options.ApiTokens.Add(ApiToken);
        var app = new ServiceAppRegistration(ClientId) { ClientSecret = ClientSecret };
        app.PublicJwks.Add(key.PublicJwk);
        foreach (var scope in AllScopes) app.GrantedScopes.Add(scope);
        options.Apps.Add(app);
        configure?.Invoke(options);
        return new TestOrg(await OktaEmulator.StartAsync(options), key);
    }

    /// <summary>Fast retries so fault tests take milliseconds, not the production backoff.</summary>
    public static RetryOptions FastRetry() => new()
    {
        BaseBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(100),
        ConcurrencyBackoff = TimeSpan.FromMilliseconds(20),
        MaxJitter = TimeSpan.FromMilliseconds(5),
        MaxRateLimitWait = TimeSpan.FromSeconds(10),
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    public OktaConnectionSettings SswsSettings() => new()
    {
        OrgUrl = BaseUrl.ToString(),
        AuthenticationType = AuthenticationType.ApiToken,
        ApiToken = ApiToken,
        Retry = FastRetry(),
    };

    public OktaConnectionSettings PrivateKeyJwtSettings(string? pem = null, params string[] scopes) => new()
    {
        OrgUrl = BaseUrl.ToString(),
        AuthenticationType = AuthenticationType.PrivateKeyJwt,
        ClientId = ClientId,
        PrivateKey = pem ?? AppKey.Pkcs8Pem,
        Scopes = scopes.Length > 0 ? scopes : AllScopes,
        Retry = FastRetry(),
    };

    public Task<OktaConnection> ConnectAsync(OktaConnectionSettings settings, ITransportLog? log = null) =>
        OktaConnectionFactory.ConnectAsync(settings, CancellationToken.None, null, log);

    public Task<OktaConnection> ConnectSswsAsync(ITransportLog? log = null) => ConnectAsync(SswsSettings(), log);

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        AppKey.Dispose();
    }
}

/// <summary>Captures everything Core logs, for assertions and the redaction test.</summary>
public sealed class CapturingLog : ITransportLog
{
    private readonly List<string> _lines = new();

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return _lines.ToArray(); }
    }

    public string AllText => string.Join("\n", Lines);

    public void Verbose(string message) => Add("VERBOSE: " + message);

    public void Debug(string message) => Add("DEBUG: " + message);

    public void Warning(string message) => Add("WARNING: " + message);

    private void Add(string line)
    {
        lock (_lines) _lines.Add(line);
    }
}
