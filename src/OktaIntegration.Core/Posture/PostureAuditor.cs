using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Http;
using OktaUser = OktaIntegration.Core.Users.OktaUser;

namespace OktaIntegration.Core.Posture;

/// <summary>
/// Runs an identity-posture audit: reads what the selected checks need (and nothing else) into
/// a <see cref="PostureSnapshot"/>, then evaluates the checks. Factor reads, one call per user,
/// dominate the cost; they run <see cref="PostureOptions.Parallelism"/> at a time under the
/// transport's pacer, after an estimate of how long the rate limit makes them take, and are
/// skipped for users unchanged since the <see cref="PostureOptions.CachePath"/> file was written.
/// </summary>
public sealed class PostureAuditor
{
    /// <summary>Okta's management limits are per minute.</summary>
    public static readonly TimeSpan RateLimitWindow = TimeSpan.FromMinutes(1);

    private readonly OktaTransport _transport;
    private readonly PostureOptions _options;
    private readonly IReadOnlyList<IPostureCheck> _checks;
    private int _factorCalls;
    private int _cacheHits;

    public PostureAuditor(OktaTransport transport, PostureOptions options)
    {
        options.Validate();
        _transport = transport;
        _options = options;
        _checks = PostureChecks.Select(options.Checks);
    }

    /// <summary>Called (from any thread) as the audit moves on.</summary>
    public Action<PostureProgress>? Progress { get; set; }

    /// <summary>Called once before the bulk factor reads with the estimate the rate limit allows (the message, and the time when the org sent rate-limit headers).</summary>
    public Action<string, TimeSpan?>? Estimate { get; set; }

    public int FactorCalls => Volatile.Read(ref _factorCalls);

    public int CacheHits => Volatile.Read(ref _cacheHits);

    public IReadOnlyList<IPostureCheck> Checks => _checks;

    /// <summary>Parts that could not be read (401/403: a missing scope or admin permission); the checks that need them found nothing.</summary>
    public IReadOnlyList<PostureReadFailure> Failures => _failures;

    private readonly List<PostureReadFailure> _failures = new();

    public async Task<IReadOnlyList<OktaPostureFinding>> RunAsync(CancellationToken cancellationToken)
    {
        var snapshot = await CollectAsync(cancellationToken).ConfigureAwait(false);
        return Evaluate(snapshot);
    }

    public IReadOnlyList<OktaPostureFinding> Evaluate(PostureSnapshot snapshot) => _checks.SelectMany(c => c.Evaluate(snapshot)).ToList();

    public async Task<PostureSnapshot> CollectAsync(CancellationToken cancellationToken)
    {
        var needs = _checks.Aggregate(PostureData.None, (all, c) => all | c.Needs);
        if (_options.AllUsers) needs |= PostureData.ActiveUsers | PostureData.AdminFactors | PostureData.Admins;
        var snapshot = new PostureSnapshot(DateTimeOffset.UtcNow, _options);

        if ((needs & (PostureData.Admins | PostureData.AdminFactors)) != 0)
        {
            Report("Reading admin role assignments", 0, 0, null);
            snapshot.Admins = await new AdminAssignmentReader(_transport) { Parallelism = Math.Min(_options.Parallelism, 8) }
                .ReadAsync(expandGroupMembers: true, cancellationToken).ConfigureAwait(false);
        }
        if ((needs & PostureData.ActiveUsers) != 0)
        {
            var pager = new UserReader(_transport).List(new UserQuery { Status = new[] { "ACTIVE" } });
            snapshot.ActiveUsers = await pager.ReadAllAsync(cancellationToken, p => Report("Reading active users", p.ItemsRead, 0, null)).ConfigureAwait(false);
        }
        if ((needs & PostureData.AdminFactors) != 0)
        {
            snapshot.Factors = await ReadFactorsAsync(snapshot, cancellationToken).ConfigureAwait(false);
        }
        if ((needs & PostureData.ApiTokens) != 0)
        {
            Report("Reading API tokens", 0, 0, null);
            await Optional(PostureData.ApiTokens, async () =>
            {
                snapshot.ApiTokens = await new ApiTokenReader(_transport).List().ReadAllAsync(cancellationToken).ConfigureAwait(false);
                snapshot.TokenOwners = await ReadOwnersAsync(snapshot, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        if ((needs & PostureData.ThreatInsight) != 0)
        {
            Report("Reading ThreatInsight", 0, 0, null);
            await Optional(PostureData.ThreatInsight, async () =>
            {
                var settings = await new ThreatInsightClient(_transport).GetAsync(cancellationToken).ConfigureAwait(false);
                if (settings.Action == ThreatInsightAction.Audit)
                    snapshot.RecentThreatEvents = await CountThreatEventsAsync(snapshot.Now, cancellationToken).ConfigureAwait(false);
                snapshot.ThreatInsight = settings;
            }).ConfigureAwait(false);
        }
        if ((needs & PostureData.GroupRules) != 0)
        {
            Report("Reading group rules", 0, 0, null);
            await Optional(PostureData.GroupRules, async () =>
                snapshot.GroupRules = await new GroupRuleReader(_transport).List().ReadAllAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }
        return snapshot;
    }

    /// <summary>How long <paramref name="calls"/> factor reads take at most at <paramref name="limitPerWindow"/> per minute, keeping the pacer's 5 % reserve.</summary>
    public static TimeSpan EstimateFactorTime(int calls, long limitPerWindow)
    {
        if (calls <= 0 || limitPerWindow <= 0) return TimeSpan.Zero;
        var usable = Math.Max(1, limitPerWindow - (long)Math.Floor(limitPerWindow * 0.05));
        return TimeSpan.FromTicks((long)(RateLimitWindow.Ticks * ((double)calls / usable)));
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<OktaUserFactor>>> ReadFactorsAsync(PostureSnapshot snapshot, CancellationToken cancellationToken)
    {
        var activeById = (snapshot.ActiveUsers ?? Array.Empty<OktaUser>()).ToDictionary(u => u.Id, StringComparer.Ordinal);
        var targets = new List<(string Id, string? Login)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var admin in snapshot.AdminPeople)
        {
            if (PostureSnapshot.CanSignIn(admin.Status) && seen.Add(admin.UserId)) targets.Add((admin.UserId, admin.Login));
        }
        if (_options.AllUsers)
        {
            foreach (var user in activeById.Values)
            {
                if (seen.Add(user.Id)) targets.Add((user.Id, user.Login));
            }
        }

        var result = new ConcurrentDictionary<string, IReadOnlyList<OktaUserFactor>>(StringComparer.Ordinal);
        var cache = _options.CachePath != null ? FactorCache.Open(_options.CachePath, _transport.Org.Origin) : null;
        var toRead = new List<(string Id, string? Login)>();
        foreach (var target in targets)
        {
            var lastUpdated = activeById.TryGetValue(target.Id, out var u) ? u.LastUpdated : null;
            if (cache?.TryGet(target.Id, target.Login, lastUpdated) is { } cached)
            {
                result[target.Id] = cached;
                Interlocked.Increment(ref _cacheHits);
            }
            else
            {
                toRead.Add(target);
            }
        }

        var reader = new FactorReader(_transport);
        var total = toRead.Count;
        var done = 0;
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var perWindow = 0L;
        async Task ReadOne((string Id, string? Login) target, CancellationToken ct)
        {
            IReadOnlyList<OktaUserFactor> factors;
            try
            {
                factors = await reader.ListAsync(target.Id, target.Login, ct).ConfigureAwait(false);
            }
            catch (Users.OktaUserNotFoundException)
            {
                return; // deleted since it was listed: nothing to judge
            }
            finally
            {
                Interlocked.Increment(ref _factorCalls);
            }
            result[target.Id] = factors;
            cache?.Put(target.Id, activeById.TryGetValue(target.Id, out var user) ? user.LastUpdated : null, factors);
            var n = Interlocked.Increment(ref done);
            var elapsed = clock.Elapsed;
            if (n == total || elapsed - lastReport > TimeSpan.FromMilliseconds(250))
            {
                lastReport = elapsed;
                var remaining = perWindow > 0 ? EstimateFactorTime(total - n, perWindow) : (TimeSpan?)null;
                Report($"Reading factors ({(_options.AllUsers ? "all active users" : "admins")})", n, total, remaining);
            }
        }

        if (total > 0)
        {
            // One read first: its rate-limit headers say how many calls a minute the org allows, which is the estimate.
            await ReadOne(toRead[0], cancellationToken).ConfigureAwait(false);
            perWindow = reader.LastRateLimit.Limit ?? 0;
            if (total > 1)
            {
                var estimate = perWindow > 0 ? EstimateFactorTime(total - 1, perWindow) : (TimeSpan?)null;
                Estimate?.Invoke(estimate is { } e
                    ? FormattableString.Invariant($"Reading factors for {total} user(s), one call each ({(cache != null ? cache.Count + " cached entries, " : string.Empty)}{CacheHits} unchanged users skipped). The rate limit allows {perWindow} calls a minute, so this takes at least {Format(e)}.")
                    : $"Reading factors for {total} user(s), one call each; the org sent no rate-limit headers, so no estimate.", estimate);
                await ParallelReads.ForEachAsync(toRead.Skip(1).ToList(), _options.Parallelism, ReadOne, cancellationToken).ConfigureAwait(false);
            }
        }
        if (cache != null)
        {
            try
            {
                cache.Save();
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                _transport.Log.Warning($"The factor cache '{_options.CachePath}' could not be written ({ex.Message}); the next run reads every user again.");
            }
        }
        return result;
    }

    private async Task<IReadOnlyDictionary<string, OktaUser?>> ReadOwnersAsync(PostureSnapshot snapshot, CancellationToken cancellationToken)
    {
        var owners = new ConcurrentDictionary<string, OktaUser?>(StringComparer.Ordinal);
        var ids = snapshot.ApiTokens!.Select(t => t.UserId).Where(id => !string.IsNullOrEmpty(id)).Select(id => id!).Distinct(StringComparer.Ordinal).ToList();
        var users = new UserReader(_transport);
        await ParallelReads.ForEachAsync(ids, Math.Min(_options.Parallelism, 4), async (id, ct) =>
            owners[id] = await users.FindAsync(id, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return owners;
    }

    /// <summary>One bounded System Log query (limit 1): any security.threat.detected in the lookback?</summary>
    private async Task<int> CountThreatEventsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now.AddDays(-_options.ThreatLookbackDays).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var until = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var filter = Uri.EscapeDataString("eventType eq \"security.threat.detected\"");
        var uri = _transport.Org.Resolve($"api/v1/logs?since={since}&until={until}&filter={filter}&limit=1");
        return await _transport.SendAsync(new OktaRequest(HttpMethodKind.Get, uri), response =>
        {
            using var document = JsonDocument.Parse(response.BodyMemory);
            return document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.GetArrayLength() : 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads one independent part; a 401/403 (the connection lacks that API's scope or the admin
    /// role lacks the permission) skips the checks that need it instead of failing the audit.
    /// </summary>
    private async Task Optional(PostureData part, Func<Task> read)
    {
        try
        {
            await read().ConfigureAwait(false);
        }
        catch (OktaApiException ex) when (ex.StatusCode is System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.Unauthorized)
        {
            var checks = _checks.Where(c => (c.Needs & part) != 0).Select(c => c.Name).ToList();
            lock (_failures) _failures.Add(new PostureReadFailure(part, checks, ex));
        }
    }

    private void Report(string phase, long done, long total, TimeSpan? remaining) => Progress?.Invoke(new PostureProgress(phase, done, total, remaining));

    private static string Format(TimeSpan time) =>
        time.TotalHours >= 1 ? $"{(int)time.TotalHours} h {time.Minutes} min" : time.TotalMinutes >= 1 ? $"{(int)time.TotalMinutes} min {time.Seconds} s" : $"{Math.Max(1, (int)Math.Ceiling(time.TotalSeconds))} s";
}
