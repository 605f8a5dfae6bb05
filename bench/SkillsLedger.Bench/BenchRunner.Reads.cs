using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Npgsql;
using SkillsLedger.Access;
using SkillsLedger.Domain.Events;
using SkillsLedger.Projections.Analytics;

namespace SkillsLedger.Bench;

/// <summary>
/// The reads scenario: `skillsledger serve` in its own process (as deployed: its own runtime settings, GC and thread
/// pool), this program as 8 closed-loop HTTP clients on loopback, PostgreSQL the third process. Beside each route's
/// latency it reports the time the service itself measured (Server-Timing) and the CPU each process spent per
/// request, and a raw-PostgreSQL baseline: the same clients running the route's SQL directly.
/// </summary>
public static partial class BenchRunner
{
    private static async Task<IEnumerable<ScenarioResult>> ReadsAsync(BenchOptions o, string cs, string pgDataDir, Action<string> say, CancellationToken ct)
    {
        var pairs = await ReadTargetsAsync(cs, ct);
        // The daemon must idle during the reads, as on a caught-up service: a 1M-event catch-up would be measured instead.
        await EnsureAnalyticsCaughtUpAsync(cs, say, ct);
        var asOf = o.AsOf.AddMonths(-6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var routes = new (string Name, Func<(string Person, string Skill), string> Path)[]
        {
            ("reads /api/people/{id}/skills", p => $"/api/people/{Uri.EscapeDataString(p.Person)}/skills"),
            ("reads /api/people/{id}/skills/{skill}?asOf", p => $"/api/people/{Uri.EscapeDataString(p.Person)}/skills/{Uri.EscapeDataString(p.Skill)}?asOf={asOf}"),
            ("reads /api/people/{id}/skills/{skill}/lineage", p => $"/api/people/{Uri.EscapeDataString(p.Person)}/skills/{Uri.EscapeDataString(p.Skill)}/lineage"),
        };
        var random = new Random(o.Seed);
        var results = new List<ScenarioResult>();
        var cpu = new CpuMeter(pgDataDir);

        var key = await CreateBenchKeyAsync(cs, ct);
        var url = $"http://127.0.0.1:{FreePort()}";
        var serveDb = o.ServeDbOptions is null ? cs : cs.TrimEnd(';') + ";" + o.ServeDbOptions;
        var psi = DotnetSkillsLedger(o, "serve", "--db", serveDb, "--urls", url);
        foreach (var (k, v) in o.ServeEnvironment) psi.Environment[k] = v;
        // The per-key limiter still runs on every request, with a limit the load cannot reach: one bench key at the
        // default 200/s would measure the throttle, not the service.
        psi.Environment["SKILLSLEDGER_RATE_LIMIT"] = "1000000";
        psi.Environment["SKILLSLEDGER_SERVER_TIMING"] = "1";
        using var serve = Process.Start(psi)!;
        var serveOut = serve.StandardOutput.ReadToEndAsync(ct);
        var serveErr = serve.StandardError.ReadToEndAsync(ct);
        try
        {
            await WaitUntilReadyAsync(serve, url, serveErr, ct);
            cpu.Service = serve.Id;
            // One connection per client, kept: a closed-loop client reuses its connection as a real caller would.
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = o.Clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
                { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            // Warm-up of every route first, for at least 15 s: the JIT recompiles hot methods in the background (with
            // profile data) a while after their first calls. With 5 s the first route measured still paid for it
            // (~2× the service's CPU per request) and the idle service burned CPU during the SQL baseline; a started
            // service left alone is idle after ~20 s. Steady state is what a long-running service shows.
            var warmUp = routes.SelectMany(r => Enumerable.Range(0, Math.Min(1000, o.ReadRequests)).Select(_ => r.Path(pairs[random.Next(pairs.Count)]))).ToArray();
            var warming = Stopwatch.StartNew();
            var warmedUp = 0;
            do
            {
                random.Shuffle(warmUp);
                await GetLoadAsync(http, warmUp, o.Clients, ct);
                warmedUp += warmUp.Length;
            } while (warming.Elapsed < TimeSpan.FromSeconds(15));
            await Task.Delay(500, ct);
            // The raw-PostgreSQL baseline in the same warm state (buffers, JIT of this process), right before the routes.
            var baseline = await ReadsSqlBaselineAsync(o, cs, Enumerable.Range(0, o.ReadRequests).Select(_ => pairs[random.Next(pairs.Count)]).ToArray(), cpu, say, ct);
            results.Add(baseline);
            foreach (var (name, path) in routes)
            {
                var paths = Enumerable.Range(0, o.ReadRequests).Select(_ => path(pairs[random.Next(pairs.Count)])).ToArray();
                await GetLoadAsync(http, paths[..Math.Min(100, paths.Length)], o.Clients, ct);
                var before = cpu.Read();
                var (latencies, server, elapsed) = await GetLoadAsync(http, paths, o.Clients, ct);
                var used = cpu.Read() - before;
                var details = Latency(latencies, new() { ["people"] = pairs.Count, ["clients"] = o.Clients, ["warmUpRequests"] = warmedUp,
                    ["serveEnvironment"] = o.ServeEnvironment, ["serveDbOptions"] = o.ServeDbOptions ?? "" });
                server.Sort();
                details["serverP50Ms"] = Percentile(server, 0.50);
                details["serverP99Ms"] = Percentile(server, 0.99);
                used.AddPerRequest(details, latencies.Count);
                var r = Result(name, latencies.Count, elapsed, "requests", baseline, baseline.Scenario, details);
                say($"{name}: {r.Rate:N0} requests/s ({r.Ratio:P0} of SQL), p50 {details["p50Ms"]} ms, p99 {details["p99Ms"]} ms; " +
                    $"in the service p50 {details["serverP50Ms"]} / p99 {details["serverP99Ms"]} ms; {used.Describe(latencies.Count)}");
                results.Add(r);
            }
        }
        finally
        {
            if (!serve.HasExited)
            {
                Process.Start("kill", ["-TERM", serve.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
                if (!serve.WaitForExit(30_000)) serve.Kill(entireProcessTree: true);
            }
            await serveOut;
        }
        return results;
    }

    /// <summary>One assessed skill of every assessed person.</summary>
    private static async Task<List<(string Person, string Skill)>> ReadTargetsAsync(string cs, CancellationToken ct)
    {
        var pairs = new List<(string Person, string Skill)>();
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"select distinct on (data->>'personId') data->>'personId', data->>'skill' from {Schema}.mt_events where type = 'skill_assessed' order by data->>'personId', seq_id", conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) pairs.Add((reader.GetString(0), reader.GetString(1)));
        if (pairs.Count == 0) throw new InvalidOperationException("no assessed people to read");
        return pairs;
    }

    private static async Task EnsureAnalyticsCaughtUpAsync(string cs, Action<string> say, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        await using var last = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {Schema}.mt_events", conn);
        var lastSeq = (long)(await last.ExecuteScalarAsync(ct))!;
        long position;
        try { position = await PositionAsync(conn, ct); }
        catch (PostgresException) { position = 0; } // no progression table yet
        if (position >= lastSeq) return;
        say($"reads: analytics at {position:N0} of {lastSeq:N0}: rebuilding first (untimed) so the daemon idles during the reads");
        await RebuildAsync(cs, null, _ => { }, ct);
    }

    private static async Task<string> CreateBenchKeyAsync(string cs, CancellationToken ct)
    {
        await using var dataSource = NpgsqlDataSource.Create(cs);
        var (_, key) = await new ApiKeys(dataSource, TimeProvider.System).CreateAsync("default", Roles.Admin, "bench-reads", ct);
        return key;
    }

    private static async Task WaitUntilReadyAsync(Process serve, string url, Task<string> stderr, CancellationToken ct)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (serve.HasExited) throw new InvalidOperationException($"serve exited with {serve.ExitCode}: {await stderr}");
            if (clock.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("serve not ready after 2 minutes");
            try
            {
                using var response = await probe.GetAsync(url + "/health/ready", ct);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(50, ct);
        }
    }

    /// <summary>Closed loop: each client sends its next GET when the previous answer is read to the end.</summary>
    private static async Task<(List<double> LatenciesMs, List<double> ServerMs, TimeSpan Elapsed)> GetLoadAsync(HttpClient http, string[] paths,
        int clients, CancellationToken ct)
    {
        var next = -1;
        var latencies = new ConcurrentBag<double>();
        var server = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < paths.Length)
            {
                var t = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(paths[i], HttpCompletionOption.ResponseHeadersRead, ct);
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"GET {paths[i]} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                await response.Content.CopyToAsync(Stream.Null, ct);
                latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                if (response.Headers.TryGetValues("Server-Timing", out var timing) && timing.FirstOrDefault() is { } value
                    && value.IndexOf("dur=", StringComparison.Ordinal) is var at and >= 0
                    && double.TryParse(value.AsSpan(at + 4), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
                    server.Add(ms);
            }
        }, ct)));
        return (latencies.ToList(), server.ToList(), clock.Elapsed);
    }

    /// <summary>
    /// Raw PostgreSQL for the same reads: the clients run the level routes' SQL (PersonEvidenceQuery: the person's
    /// stream exists, their assessments and retractions) over Npgsql and read every row, no HTTP and no service.
    /// </summary>
    private static async Task<ScenarioResult> ReadsSqlBaselineAsync(BenchOptions o, string cs, (string Person, string Skill)[] targets, CpuMeter cpu,
        Action<string> say, CancellationToken ct)
    {
        var evidence =
            $"select seq_id, timestamp, user_name, type, data->>'eventId', data->>'source', data->>'occurredAt', data->>'skill', data->>'method', " +
            $"(data->>'level')::numeric, data->>'retractsEventId', data->>'reason' from {Schema}.mt_events where tenant_id = $1 and stream_id = $2 " +
            $"and type in ('{EventTypes.NameOf(typeof(SkillAssessed))}', '{EventTypes.NameOf(typeof(AssessmentRetracted))}') and is_archived is not true order by version";
        var exists = $"select exists(select 1 from {Schema}.mt_streams where tenant_id = $1 and id = $2 and is_archived is not true)";
        // The same pool settings as the service's read pool (prepared statements, no reset): PostgreSQL done well.
        await using var dataSource = NpgsqlDataSource.Create(SkillsLedger.Infrastructure.LedgerDatabase.ForReads(cs));
        async Task<(List<double>, List<double>, TimeSpan)> Run(int count)
        {
            var next = -1;
            var latencies = new ConcurrentBag<double>();
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, o.Clients).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    var t = Stopwatch.GetTimestamp();
                    await using var conn = await dataSource.OpenConnectionAsync(ct);
                    await using var batch = new NpgsqlBatch(conn);
                    foreach (var sql in new[] { exists, evidence })
                        batch.BatchCommands.Add(new NpgsqlBatchCommand(sql) { Parameters = { new() { Value = "default" }, new() { Value = "person:" + targets[i].Person } } });
                    await using var r = await batch.ExecuteReaderAsync(ct);
                    do { while (await r.ReadAsync(ct)) for (var c = 0; c < r.FieldCount; c++) r.GetValue(c); } while (await r.NextResultAsync(ct));
                    latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }
            }, ct)));
            return (latencies.ToList(), [], clock.Elapsed);
        }
        await Run(Math.Min(300, targets.Length));
        var before = cpu.Read();
        var (ms, _, elapsed) = await Run(targets.Length);
        var used = cpu.Read() - before;
        var details = Latency(ms, new() { ["clients"] = o.Clients, ["query"] = "PersonEvidenceQuery's stream-exists + evidence statements in one batch, every column read, pool as LedgerDatabase.Reads" });
        used.AddPerRequest(details, ms.Count);
        var result = Result("reads-sql-baseline", ms.Count, elapsed, "requests", null, null, details);
        say($"reads-sql-baseline: {result.Rate:N0} requests/s, p50 {details["p50Ms"]} ms, p99 {details["p99Ms"]} ms; {used.Describe(ms.Count)}");
        return result;
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)], 2);
}
