using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OktaIntegration.Emulator.Auth;
using OktaIntegration.Emulator.Data;
using OktaIntegration.Emulator.Endpoints;
using OktaIntegration.Emulator.Faults;
using OktaIntegration.Emulator.Infrastructure;
using OktaIntegration.Emulator.RateLimiting;

namespace OktaIntegration.Emulator;

/// <summary>
/// A running emulated org on loopback. Tests start one in-process on an OS-chosen port; the
/// program starts one from the command line. Its state, faults, rate limits, tokens and request
/// journal are exposed so tests can steer it and check what clients did.
/// </summary>
public sealed partial class OktaEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OktaEmulator(WebApplication app, EmulatorOptions options, Uri baseUrl)
    {
        _app = app;
        Options = options;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public EmulatorOptions Options { get; }

    public OrgState Org => _app.Services.GetRequiredService<OrgState>();

    public FaultInjector Faults => _app.Services.GetRequiredService<FaultInjector>();

    public EmulatorRateLimiter RateLimits => _app.Services.GetRequiredService<EmulatorRateLimiter>();

    public TokenStore Tokens => _app.Services.GetRequiredService<TokenStore>();

    /// <summary>Pending device sign-ins; tests approve or deny user codes here (or over POST /emulator/device/approve).</summary>
    public DeviceAuthorizationStore DeviceAuthorizations => _app.Services.GetRequiredService<DeviceAuthorizationStore>();

    public RequestJournal Requests => _app.Services.GetRequiredService<RequestJournal>();

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts on <paramref name="url"/> (default: 127.0.0.1 with a port the OS picks). Only loopback addresses are accepted.</summary>
    public static async Task<OktaEmulator> StartAsync(EmulatorOptions? options = null, string url = "http://127.0.0.1:0")
    {
        options ??= new EmulatorOptions();
        EnsureLoopback(url);
        TokenStore.PrepareSigningKey();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        ConfigureServices(builder.Services, options);
        var app = builder.Build();
        Configure(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new OktaEmulator(app, options, new Uri(address.Replace("[::]", "127.0.0.1") + "/"));
    }

    internal static void ConfigureServices(IServiceCollection services, EmulatorOptions options)
    {
        var org = new OrgState(options.Seed);
        SeedData.Populate(org, options.UserCount, options.Seed);
        services.AddSingleton(options);
        services.AddSingleton(org);
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<RequestJournal>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<DeviceAuthorizationStore>();
        services.AddSingleton<EmulatorRateLimiter>();
        services.AddSingleton<DPoPProofValidator>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never);
        EmulatorExtensions.ConfigureServices(services, options);
    }

    internal static void Configure(WebApplication app)
    {
        app.UseMiddleware<CommonHeadersMiddleware>();
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseMiddleware<FaultMiddleware>();
        app.UseRouting();
        app.UseMiddleware<ApiAuthenticationMiddleware>();
        app.MapTokenEndpoint();
        app.MapDeviceAuthorizationEndpoints();
        app.MapOktaApi();
        app.MapFallback(context => OktaErrors.WriteAsync(context, 404, "E0000008", "The requested path was not found"));
    }

    private static void EnsureLoopback(string url)
    {
        foreach (var one in url.Split(';'))
        {
            var host = new Uri(one.Replace("*", "invalid").Replace("+", "invalid")).Host;
            if (host != "127.0.0.1" && host != "localhost" && host != "[::1]" && host != "::1")
                throw new ArgumentException($"The emulator binds to loopback only; '{one}' is not a loopback URL. Use http://127.0.0.1:PORT.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
