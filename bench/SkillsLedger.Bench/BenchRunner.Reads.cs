using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Npgsql;
using SkillsLedger.Access;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Bench;

/// <summary>
/// The reads scenario: `skillsledger serve` in its own process (as deployed: its own runtime settings, GC and thread
/// pool), this program as 8 closed-loop HTTP clients on loopback, PostgreSQL the third process. Beside each route's
/// latency it reports the time the service itself measured (Server-Timing) and the CPU each process spent per
/// request, and a raw-PostgreSQL baseline: the same clients running the route's SQL directly.
/// </summary>
public static partial class BenchRunner
{
    /// <summary>Slices per workload in the reads scenario (each --read-requests / this many requests).</summary>
    private const int ReadRounds = 4;

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
            // Warm-up of every route first, for at least --read-warm-up (15 s): the JIT recompiles hot methods in the background (with
            // profile data) a while after their first calls. With 5 s the first route measured still paid for it
            // (~2× the service's CPU per request) and the idle service burned CPU during the SQL baseline; a started
            // service left alone is idle after ~20 s. Steady state is what a long-running service shows.
            var warmUp = routes.SelectMany(r => Enumerable.Range(0, Math.Min(1000, o.ReadRequests)).Select(_ => r.Path(pairs[random.Next(pairs.Count)]))).ToArray();
            var warming = Stopwatch.StartNew();
            var warmedUp = 0;
            do
            {
                random.Shuffle(warmUp);
                await GetLoadAsync(http, warmUp, o.Clients, null, ct);
                warmedUp += warmUp.Length;
            } while (warming.Elapsed < o.ReadWarmUp);
            await Task.Delay(500, ct);

            // The raw-PostgreSQL baseline and the three routes, interleaved (MeasureAsync).
            await using var sql = new EvidenceSql(cs);
            var slice = Math.Max(1, o.ReadRequests / ReadRounds);
            var workloads = new List<(string Name, Func<double?, Task<(List<double> Latencies, List<double> Server, List<double> SendDelay, TimeSpan Elapsed)>> Run)>
            {
                ("reads-sql-baseline", async rate =>
                {
                    var (latencies, elapsed) = await sql.LoadAsync(Enumerable.Range(0, slice).Select(_ => pairs[random.Next(pairs.Count)].Person).ToArray(), o.Clients, rate, ct);
                    return (latencies, [], [], elapsed);
                }),
            };
            foreach (var (name, path) in routes)
                workloads.Add((name, rate => GetLoadAsync(http, Enumerable.Range(0, slice).Select(_ => path(pairs[random.Next(pairs.Count)])).ToArray(), o.Clients, rate, ct)));
            await sql.LoadAsync(pairs.Take(300).Select(p => p.Person).ToArray(), o.Clients, null, ct); // its own warm-up (pool, prepared statements)
            var measured = await MeasureAsync(workloads, null, cpu);
            var closed = Report(measured, null);
            results.AddRange(closed);

            // The same clients at a fixed arrival rate, below saturation. A closed loop at full speed measures the
            // queue for two cores shared by client, service and PostgreSQL (by Little's law its latency is clients /
            // throughput, plus the scheduler's tail); a paced load shows the latency a caller meets when the service
            // is busy but not saturated. Latency runs from each request's scheduled time, so a late send counts
            // (no coordinated omission).
            if (o.ReadLoad > 0)
            {
                var rate = Math.Round(o.ReadLoad * closed.Skip(1).Min(r => r.Rate));
                say($"reads paced: {o.Clients} clients at {rate:N0} requests/s in all ({o.ReadLoad:P0} of the slowest route's closed-loop rate)");
                results.AddRange(Report(await MeasureAsync(workloads, rate, cpu), rate));
            }

            List<ScenarioResult> Report((List<double> Latencies, List<double> Server, List<double> SendDelay, TimeSpan Elapsed, CpuUse Cpu)[] runs, double? rate)
            {
                var reported = new List<ScenarioResult>();
                ScenarioResult? baseline = null;
                for (var w = 0; w < workloads.Count; w++)
                {
                    var (latencies, server, sendDelay, elapsed, used) = runs[w];
                    var name = rate is null ? workloads[w].Name
                        : w == 0 ? workloads[w].Name + " paced" : workloads[w].Name.Replace("reads ", "reads paced ", StringComparison.Ordinal);
                    var details = Latency(latencies, new() { ["people"] = pairs.Count, ["clients"] = o.Clients, ["warmUpRequests"] = warmedUp, ["rounds"] = ReadRounds,
                        ["serveEnvironment"] = o.ServeEnvironment, ["serveDbOptions"] = o.ServeDbOptions ?? "" });
                    if (rate is not null)
                    {
                        details["scheduledRequestsPerSecond"] = rate;
                        details["latencyFrom"] = "each request's scheduled start (open loop, no coordinated omission)";
                    }
                    used.AddPerRequest(details, latencies.Count);
                    if (baseline is null)
                    {
                        details["query"] = "PersonEvidenceQuery's stream-exists + evidence statements in one batch over Npgsql, every column read, pool settings as LedgerDatabase.Reads";
                        baseline = Result(name, latencies.Count, elapsed, "requests", null, null, details);
                        say($"{baseline.Scenario}: {baseline.Rate:N0} requests/s, p50 {details["p50Ms"]} ms, p99 {details["p99Ms"]} ms; {used.Describe(latencies.Count)}");
                        reported.Add(baseline);
                        continue;
                    }
                    server.Sort();
                    details["serverP50Ms"] = Percentile(server, 0.50);
                    details["serverP99Ms"] = Percentile(server, 0.99);
                    // How late the bench itself sent the request after its due moment (timer wake-up, a client still
                    // busy with the previous answer, the bench's own GC): part of the latency above, none of the service's.
                    sendDelay.Sort();
                    details["sendDelayP50Ms"] = Percentile(sendDelay, 0.50);
                    details["sendDelayP99Ms"] = Percentile(sendDelay, 0.99);
                    var r = Result(name, latencies.Count, elapsed, "requests", baseline, baseline.Scenario, details);
                    say($"{r.Scenario}: {r.Rate:N0} requests/s ({r.Ratio:P0} of SQL), p50 {details["p50Ms"]} ms, p99 {details["p99Ms"]} ms; " +
                        $"in the service p50 {details["serverP50Ms"]} / p99 {details["serverP99Ms"]} ms" +
                        (rate is null ? "" : $"; sent late by p50 {details["sendDelayP50Ms"]} / p99 {details["sendDelayP99Ms"]} ms") + $"; {used.Describe(latencies.Count)}");
                    reported.Add(r);
                }
                return reported;
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

    /// <summary>
    /// The workloads in interleaved slices (SQL, A, B, C, SQL, A, …), so that other load on a shared machine falls on
    /// all of them alike instead of on whichever ran at a bad moment.
    /// </summary>
    private static async Task<(List<double> Latencies, List<double> Server, List<double> SendDelay, TimeSpan Elapsed, CpuUse Cpu)[]> MeasureAsync(
        List<(string Name, Func<double?, Task<(List<double> Latencies, List<double> Server, List<double> SendDelay, TimeSpan Elapsed)>> Run)> workloads, double? rate, CpuMeter cpu)
    {
        var measured = workloads.Select(_ => (Latencies: new List<double>(), Server: new List<double>(), SendDelay: new List<double>(), Elapsed: TimeSpan.Zero, Cpu: default(CpuUse))).ToArray();
        for (var round = 0; round < ReadRounds; round++)
            for (var w = 0; w < workloads.Count; w++)
            {
                var before = cpu.Read();
                var (latencies, server, sendDelay, elapsed) = await workloads[w].Run(rate);
                var used = cpu.Read() - before;
                var m = measured[w];
                m.Latencies.AddRange(latencies);
                m.Server.AddRange(server);
                m.SendDelay.AddRange(sendDelay);
                measured[w] = (m.Latencies, m.Server, m.SendDelay, m.Elapsed + elapsed, m.Cpu + used);
            }
        return measured;
    }

    /// <summary>One assessed skill of every assessed person.</summary>
    private static async Task<List<(string Person, string Skill)>> ReadTargetsAsync(string cs, CancellationToken ct)
    {
        var pairs = new List<(string Person, string Skill)>();
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"select distinct on (data->>'personId') data->>'personId', data->>'skill' from {MartenTables.Events} where type = 'skill_assessed' order by data->>'personId', seq_id", conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) pairs.Add((reader.GetString(0), reader.GetString(1)));
        if (pairs.Count == 0) throw new InvalidOperationException("no assessed people to read");
        return pairs;
    }

    private static async Task EnsureAnalyticsCaughtUpAsync(string cs, Action<string> say, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        var lastSeq = await LedgerProgress.NewestSequenceAsync(conn, ct);
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

    /// <summary>
    /// Closed loop (no rate): each client sends its next GET when the previous answer is read to the end. With a rate:
    /// request i is due at start + i / rate, sent by the next free client, and timed from when it was due.
    /// </summary>
    private static async Task<(List<double> LatenciesMs, List<double> ServerMs, List<double> SendDelayMs, TimeSpan Elapsed)> GetLoadAsync(HttpClient http, string[] paths,
        int clients, double? rate, CancellationToken ct)
    {
        var latencies = new ConcurrentBag<double>();
        var server = new ConcurrentBag<double>();
        var sendDelay = new ConcurrentBag<double>();
        // SKILLSLEDGER_BENCH_TRACE=DIR: every request's due, sent and done moments (ms from the slice's start) as CSV.
        var traceDir = Environment.GetEnvironmentVariable("SKILLSLEDGER_BENCH_TRACE");
        var trace = traceDir is null ? null : new ConcurrentBag<string>();
        var start = Stopwatch.GetTimestamp();
        await Pacing.RunAsync(paths.Length, clients, rate, async (i, t) =>
        {
            var sent = Stopwatch.GetTimestamp();
            sendDelay.Add(Stopwatch.GetElapsedTime(t, sent).TotalMilliseconds);
            using var response = await http.GetAsync(paths[i], HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"GET {paths[i]} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            await response.Content.CopyToAsync(Stream.Null, ct);
            latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            if (response.Headers.TryGetValues("Server-Timing", out var timing) && timing.FirstOrDefault() is { } value
                && value.IndexOf("dur=", StringComparison.Ordinal) is var at and >= 0
                && double.TryParse(value.AsSpan(at + 4), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
                server.Add(ms);
            trace?.Add(string.Create(CultureInfo.InvariantCulture,
                $"{i},{Ms(t)},{Ms(sent)},{Ms(Stopwatch.GetTimestamp())}"));
        }, ct);
        var elapsed = Stopwatch.GetElapsedTime(start);
        if (trace is not null)
            File.WriteAllLines(Path.Combine(traceDir!,
                $"trace-{DateTime.UtcNow:HHmmss.fff}-{(rate is null ? "closed" : "paced")}.csv"), ["i,due_ms,sent_ms,done_ms", .. trace]);
        string Ms(long timestamp) => ((timestamp - start) * 1000.0 / Stopwatch.Frequency).ToString("F3", CultureInfo.InvariantCulture);
        return (latencies.ToList(), server.ToList(), sendDelay.ToList(), elapsed);
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)], 2);
}
