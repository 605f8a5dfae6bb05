using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marten;
using Npgsql;
using NpgsqlTypes;
using SkillsLedger.Hosting;
using SkillsLedger.Cli;
using SkillsLedger.Database;
using SkillsLedger.Domain.Demo;
using SkillsLedger.Infrastructure;
using SkillsLedger.Projections.Analytics;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Bench;

/// <summary>One measured figure. <see cref="Rate"/> is per second in <see cref="Unit"/>; ratios compare with a baseline of the same run.</summary>
public sealed record ScenarioResult(string Scenario, double Rate, string Unit, long Count, double Seconds,
    double? Ratio, string? RatioTo, IReadOnlyDictionary<string, object> Details);

public sealed record BenchReport(DateTimeOffset StartedAt, IReadOnlyDictionary<string, object> Environment,
    IReadOnlyList<ScenarioResult> Results, string JsonPath);

/// <summary>
/// Runs the scenarios of docs/performance.md against one private embedded PostgreSQL (product defaults: fsync on),
/// each on a fresh database, except that sql-aggregate-baseline, rebuild, reads and cold-start use the database the
/// import filled. Prints a table and writes bench/results/&lt;timestamp&gt;.json.
/// </summary>
public static partial class BenchRunner
{
    private const string Schema = LedgerStoreConfiguration.Schema;

    public static async Task<BenchReport> RunAsync(BenchOptions o, TextWriter log, CancellationToken ct = default)
    {
        var started = DateTimeOffset.UtcNow;
        var work = o.WorkDir ?? Path.Combine(Path.GetTempPath(), $"skillsledger-bench-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
        Directory.CreateDirectory(work);
        var results = new List<ScenarioResult>();
        var env = new Dictionary<string, object>
        {
            ["machine"] = $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB visible to .NET",
            ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            ["dotnet"] = Environment.Version.ToString(),
            ["options"] = new Dictionary<string, object?>
            {
                ["events"] = o.Events, ["people"] = o.People, ["years"] = o.Years, ["seed"] = o.Seed, ["asOf"] = o.AsOf.ToString("yyyy-MM-dd"),
                ["scenarios"] = o.Scenarios, ["clients"] = o.Clients,
            },
        };
        void Say(string s) { if (!o.Quiet) log.WriteLine(s); }
        var pg = await EmbeddedPostgres.StartOrAttachAsync(Path.Combine(work, "pg"), EmbeddedPostgresOptions.Default, Say, ct);
        try
        {
            env["postgres"] = await ServerSettingsAsync(pg.ConnectionString, ct);
            Say("postgres: " + string.Join(", ", ((Dictionary<string, string>)env["postgres"]).Select(kv => $"{kv.Key}={kv.Value}")));

            // The input every scenario shares: the demo organisation as JSONL (the import format).
            var file = Path.Combine(work, "events.jsonl");
            var people = o.People ?? (int)Math.Max(1, o.Events!.Value * 3 / (50L * o.Years) + 1);
            var demo = new DemoOptions(people, o.Seed, o.Years, o.AsOf);
            var gen = Stopwatch.StartNew();
            var (events, bytes) = await GenerateCommand.WriteAsync(demo, file, o.Events, null, ct);
            gen.Stop();
            env["input"] = new Dictionary<string, object> { ["events"] = events, ["people"] = people, ["mb"] = Math.Round(bytes / 1048576.0, 1), ["generateSeconds"] = Math.Round(gen.Elapsed.TotalSeconds, 1) };
            Say($"generated {events:N0} events ({people:N0} people, {bytes / 1048576.0:N1} MB) in {gen.Elapsed.TotalSeconds:N1} s");

            bool Wants(string s) => o.Scenarios.Contains(s);
            var needImport = new[] { "import", "copy-ledger-baseline", "sql-aggregate-baseline", "rebuild", "catch-up", "reads", "analytics", "cold-start" }.Any(Wants);

            ScenarioResult? copy = null, import = null, sql = null;
            if (Wants("copy-baseline"))
                results.Add(copy = await CopyBaselineAsync(await pg.CreateDatabaseAsync("bench_copy", ct), file, Say, ct));
            string? ledger = null;
            if (needImport)
            {
                ledger = await pg.CreateDatabaseAsync("bench_ledger", ct);
                if (o.WorkDir is not null && !Wants("import") && await StoredEventsAsync(ledger, ct) == events)
                    Say($"reusing the {events:N0} events already imported in {work}");
                else
                {
                    import = await ImportAsync(o, ledger, file, events, copy, Say, ct);
                    if (Wants("import")) results.Add(import);
                }
            }
            if (Wants("copy-ledger-baseline"))
            {
                var ledgerCopy = await CopyLedgerBaselineAsync(ledger!, work, copy, Say, ct);
                results.Add(ledgerCopy);
                if (import?.Details is Dictionary<string, object> details)
                {
                    details["ratioToCopyLedgerBaseline"] = import.Rate / ledgerCopy.Rate;
                    Say($"import: {import.Rate / ledgerCopy.Rate:P1} of copy-ledger-baseline (the same rows COPYed by PostgreSQL alone into the same tables)");
                }
            }
            if (Wants("sql-aggregate-baseline")) results.Add(sql = await SqlAggregateAsync(ledger!, Say, ct));
            if (Wants("rebuild")) results.Add(await RebuildAsync(ledger!, sql, Say, ct));
            if (Wants("catch-up")) results.Add(await CatchUpAsync(ledger!, sql, Say, ct));
            if (Wants("reads")) results.AddRange(await ReadsAsync(o, ledger!, pg.DataDir, Say, ct));
            if (Wants("analytics"))
            {
                // The analytics tables must be filled first: the timed rebuild did it, or an untimed one does.
                if (!Wants("rebuild") && !Wants("catch-up")) await RebuildAsync(ledger!, null, _ => { }, ct);
                results.AddRange(await AnalyticsAsync(o, ledger!, Say, ct));
            }
            if (Wants("http-ingest"))
                results.Add(await HttpIngestAsync(o, await pg.CreateDatabaseAsync("bench_http", ct), file, import ?? copy, Say, ct));
            if (Wants("cold-start")) results.Add(await ColdStartAsync(o, ledger!, Say, ct));
            if (ledger is not null)
            {
                await using (var analyze = new NpgsqlConnection(ledger))
                {
                    await analyze.OpenAsync(ct);
                    await using var cmd = new NpgsqlCommand("analyze", analyze) { CommandTimeout = 3600 };
                    await cmd.ExecuteNonQueryAsync(ct); // fresh row estimates for the size table
                }
                env["ledgerTableSizes"] = await TableSizesAsync(ledger, ct);
            }
        }
        finally
        {
            await pg.DisposeAsync();
            if (!o.Keep) try { Directory.Delete(work, true); } catch { /* best effort */ }
        }

        var dir = o.ResultsDir ?? DefaultResultsDir();
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, started.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + ".json");
        var report = new BenchReport(started, env, results, path);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { report.StartedAt, report.Environment, report.Results },
            new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }), ct);
        if (!o.Quiet) log.WriteLine(Table(results));
        return report;
    }

    // ------------------------------------------------------------------ scenarios

    /// <summary>Raw binary COPY of the same events as (uuid, stream, version, type, jsonb) rows into a plain table, no indexes.</summary>
    private static async Task<ScenarioResult> CopyBaselineAsync(string cs, string file, Action<string> say, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        await using (var create = new NpgsqlCommand("create table raw_events (id uuid not null, stream text not null, version int not null, type text not null, data jsonb not null)", conn))
            await create.ExecuteNonQueryAsync(ct);
        var clock = Stopwatch.StartNew();
        var (rows, streams) = await CopyRawAsync(conn, "raw_events", File.ReadLines(file), ct);
        clock.Stop();
        var r = Result("copy-baseline", rows, clock.Elapsed, "rows", null, null, new() { ["streams"] = streams, ["table"] = "plain table, no indexes, logged" });
        say($"copy-baseline: {rows:N0} rows in {clock.Elapsed.TotalSeconds:N1} s = {r.Rate:N0} rows/s");
        return r;
    }

    /// <summary>
    /// The raw-PostgreSQL baseline: each event line as an (id, stream, version, type, jsonb) row by binary COPY into
    /// <paramref name="table"/>, which must have those columns. Returns the rows written and the streams seen.
    /// </summary>
    internal static async Task<(long Rows, int Streams)> CopyRawAsync(NpgsqlConnection conn, string table, IEnumerable<string> lines, CancellationToken ct)
    {
        var versions = new Dictionary<string, int>();
        long rows = 0;
        await using var copy = await conn.BeginBinaryImportAsync($"copy {table} (id, stream, version, type, data) from stdin (format binary)", ct);
        foreach (var line in lines)
        {
            var (type, stream) = TypeAndStream(line);
            versions[stream] = versions.GetValueOrDefault(stream) + 1;
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(stream, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(versions[stream], NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(type, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(line, NpgsqlDbType.Jsonb, ct);
            rows++;
        }
        await copy.CompleteAsync(ct);
        return (rows, versions.Count);
    }

    /// <summary>Events in a reused work directory's ledger (0 when it was never imported).</summary>
    private static async Task<long> StoredEventsAsync(string cs, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand($"select to_regclass('{MartenTables.Events}') is not null", conn))
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return 0;
        await using var cmd = new NpgsqlCommand($"select count(*) from {MartenTables.Events}", conn);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>`skillsledger import FILE` in a child process (its own peak RSS), the product's one write path.</summary>
    private static async Task<ScenarioResult> ImportAsync(BenchOptions o, string cs, string file, long events, ScenarioResult? copy,
        Action<string> say, CancellationToken ct)
    {
        var psi = DotnetSkillsLedger(o, "import", file, "--db", cs, "--no-progress");
        var wall = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        long peakKb = 0;
        while (!p.HasExited)
        {
            peakKb = Math.Max(peakKb, VmHwmKb(p.Id));
            try { await p.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMilliseconds(100)).Token); } catch (OperationCanceledException) { }
            ct.ThrowIfCancellationRequested();
        }
        wall.Stop();
        var output = await stdout;
        if (p.ExitCode != 0) throw new InvalidOperationException($"import exited with {p.ExitCode}: {output} {await stderr}");
        var m = Regex.Match(output, @"([\d,]+) events appended.* in ([\d,.]+) s");
        var appended = long.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var loadSeconds = double.Parse(m.Groups[2].Value, NumberStyles.Number, CultureInfo.InvariantCulture);
        if (appended != events) throw new InvalidOperationException($"import appended {appended} of {events} events: {output}");
        var rate = appended / Math.Max(loadSeconds, 0.001);
        var r = new ScenarioResult("import", rate, "events", appended, loadSeconds, copy is null ? null : rate / copy.Rate, copy is null ? null : "copy-baseline",
            new Dictionary<string, object>
            {
                ["peakRssMb"] = Math.Round(peakKb / 1024.0, 1),
                ["wallSecondsIncludingStartup"] = Math.Round(wall.Elapsed.TotalSeconds, 2),
                ["batchSize"] = 1000,
                ["how"] = "child process `dotnet skillsledger.dll import FILE --db …`; rate from its own load timer; peak RSS = VmHWM polled every 100 ms",
            });
        say($"import: {appended:N0} events in {loadSeconds:N1} s = {rate:N0} events/s{(r.Ratio is { } q ? $" ({q:P1} of COPY)" : "")}, peak RSS {peakKb / 1024.0:N0} MB");
        return r;
    }

    /// <summary>Latest level per (organisation, person, skill) from ledger.mt_events in one SQL statement (median of 3).</summary>
    private static async Task<ScenarioResult> SqlAggregateAsync(string cs, Action<string> say, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        var total = await CountEventsAsync(conn, ct);
        const string sql = $"""
            select count(*), sum(level) from (
              select distinct on (tenant_id, data->>'personId', data->>'skill') (data->>'level')::numeric as level
              from {MartenTables.Events} where type = 'skill_assessed'
              order by tenant_id, data->>'personId', data->>'skill', seq_id desc) latest
            """;
        var times = new List<double>();
        long pairs = 0;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 3600 };
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            pairs = reader.GetInt64(0);
            times.Add(clock.Elapsed.TotalSeconds);
        }
        var median = times.Order().ElementAt(1);
        var r = Result("sql-aggregate-baseline", total, TimeSpan.FromSeconds(median), "events", null, null,
            new() { ["personSkillPairs"] = pairs, ["runsSeconds"] = times.Select(t => Math.Round(t, 3)).ToArray(), ["query"] = "DISTINCT ON latest skill_assessed per person-skill; rate = all events in mt_events / median time" });
        say($"sql-aggregate-baseline: {total:N0} events in {median:N2} s = {r.Rate:N0} events/s ({pairs:N0} person-skills)");
        return r;
    }

    /// <summary>POST /api/events with 1,000-event batches (whole people, catalogue first) from concurrent clients.</summary>
    private static async Task<ScenarioResult> HttpIngestAsync(BenchOptions o, string cs, string file, ScenarioResult? baseline, Action<string> say, CancellationToken ct)
    {
        var limit = o.HttpEvents ?? Math.Min(200_000, o.Events ?? long.MaxValue);
        var catalogue = new List<string>();
        var batches = new List<string>();
        var current = new List<string>();
        var person = new List<string>();
        string? lastStream = null;
        long events = 0;
        void FlushBatch() { if (current.Count > 0) batches.Add(Envelope(current)); current.Clear(); }
        void FlushPerson()
        {
            if (current.Count + person.Count > 1000) FlushBatch();
            current.AddRange(person);
            person.Clear();
        }
        using (var reader = new StreamReader(file))
            while (events < limit && await reader.ReadLineAsync(ct) is { } line)
            {
                events++;
                var (_, stream) = TypeAndStream(line);
                if (!stream.StartsWith("person:", StringComparison.Ordinal)) { catalogue.Add(line); continue; }
                if (stream != lastStream) FlushPerson();
                lastStream = stream;
                person.Add(line);
            }
        FlushPerson();
        FlushBatch();
        var personEvents = events - catalogue.Count;

        await using var app = LedgerHost.Build(cs, "http://127.0.0.1:0");
        await app.StartAsync(ct);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = o.Clients * 2 }) { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(5) };
            await AuthoriseAsync(app, http, ct);
            for (var i = 0; i < catalogue.Count; i += 1000)
                await PostAsync(http, Envelope(catalogue.Skip(i).Take(1000).ToList()), ct);
            await using var lag = LagSampler.Start(cs);
            var (latencies, elapsed) = await LoadAsync(http, batches.ToArray(), o.Clients, body => body, ct);
            var rate = personEvents / elapsed.TotalSeconds;
            var r = new ScenarioResult("http-ingest", rate, "events", personEvents, elapsed.TotalSeconds,
                baseline is null ? null : rate / baseline.Rate, baseline?.Scenario,
                Latency(latencies, new() { ["batches"] = batches.Count, ["clients"] = o.Clients, ["catalogueEventsPostedFirst"] = catalogue.Count, ["batchSize"] = "whole people, ≤ 1,000 events" }));
            await lag.ReportAsync((Dictionary<string, object>)r.Details); // the analytics daemon's lag during the load
            say($"http-ingest: {personEvents:N0} events in {elapsed.TotalSeconds:N1} s = {rate:N0} events/s, p50 {r.Details["p50Ms"]} ms, p99 {r.Details["p99Ms"]} ms per request; " +
                $"analytics lag max {r.Details["analyticsLagMaxEvents"]} events / {r.Details["analyticsLagMaxSeconds"]} s, p99 {r.Details["analyticsLagP99Events"]} events / {r.Details["analyticsLagP99Seconds"]} s");
            return r;
        }
        finally { await app.StopAsync(CancellationToken.None); }
    }

    /// <summary>From starting `dotnet skillsledger.dll serve` to /health/ready answering 200; median of the runs.</summary>
    private static async Task<ScenarioResult> ColdStartAsync(BenchOptions o, string cs, Action<string> say, CancellationToken ct)
    {
        var times = new List<double>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < o.ColdStarts; i++)
        {
            var url = $"http://127.0.0.1:{FreePort()}";
            var psi = DotnetSkillsLedger(o, "serve", "--db", cs, "--urls", url);
            var clock = Stopwatch.StartNew();
            using var p = Process.Start(psi)!;
            var drainOut = p.StandardOutput.ReadToEndAsync(ct);
            var drainErr = p.StandardError.ReadToEndAsync(ct);
            try
            {
                while (true)
                {
                    if (p.HasExited) throw new InvalidOperationException($"serve exited with {p.ExitCode}: {await drainErr}");
                    if (clock.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("serve not ready after 2 minutes");
                    try
                    {
                        using var response = await http.GetAsync(url + "/health/ready", ct);
                        if (response.StatusCode == HttpStatusCode.OK) break;
                    }
                    catch (HttpRequestException) { }
                    catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
                    await Task.Delay(20, ct);
                }
                times.Add(clock.Elapsed.TotalSeconds);
            }
            finally
            {
                if (!p.HasExited)
                {
                    Process.Start("kill", ["-TERM", p.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
                    if (!p.WaitForExit(30_000)) p.Kill(entireProcessTree: true);
                }
            }
        }
        var median = times.Order().ElementAt(times.Count / 2);
        var r = new ScenarioResult("cold-start", median, "seconds (median)", times.Count, median, null, null,
            new Dictionary<string, object> { ["runsSeconds"] = times.Select(t => Math.Round(t, 2)).ToArray(), ["database"] = "the imported ledger (schema up to date)" });
        say($"cold-start: median {median:N2} s to /health/ready ({string.Join(", ", times.Select(t => t.ToString("N2", CultureInfo.InvariantCulture)))})");
        return r;
    }

    // ------------------------------------------------------------------ helpers

    private static async Task<(List<double> LatenciesMs, TimeSpan Elapsed)> LoadAsync(HttpClient http, string[] work, int clients,
        Func<string, string>? body, CancellationToken ct)
    {
        var next = -1;
        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < work.Length)
            {
                var t = Stopwatch.GetTimestamp();
                if (body is null)
                {
                    using var response = await http.GetAsync(work[i], ct);
                    if (!response.IsSuccessStatusCode)
                        throw new InvalidOperationException($"GET {work[i]} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                    await response.Content.CopyToAsync(Stream.Null, ct);
                }
                else await PostAsync(http, body(work[i]), ct);
                latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        }, ct)));
        return (latencies.ToList(), clock.Elapsed);
    }

    private static async Task PostAsync(HttpClient http, string json, CancellationToken ct)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/api/events", content, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST /api/events → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
    }

    private static string Envelope(IEnumerable<string> lines) => "{\"events\":[" + string.Join(",", lines) + "]}";

    private static Dictionary<string, object> Latency(List<double> ms, Dictionary<string, object> details)
    {
        ms.Sort();
        double P(double q) => ms.Count == 0 ? 0 : Math.Round(ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)], 2);
        details["p50Ms"] = P(0.50);
        details["p99Ms"] = P(0.99);
        details["maxMs"] = ms.Count == 0 ? 0 : Math.Round(ms[^1], 2);
        return details;
    }

    private static ScenarioResult Result(string name, long count, TimeSpan elapsed, string unit, ScenarioResult? baseline, string? baselineName,
        Dictionary<string, object> details)
    {
        var rate = count / Math.Max(elapsed.TotalSeconds, 1e-6);
        return new ScenarioResult(name, rate, unit, count, Math.Round(elapsed.TotalSeconds, 3), baseline is null ? null : rate / baseline.Rate,
            baseline is null ? null : baselineName, details);
    }

    /// <summary>The contract's type and the stream the ledger would put the event in (person:ID, or a catalogue stream).</summary>
    private static (string Type, string Stream) TypeAndStream(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var type = root.GetProperty("type").GetString()!;
        if (root.TryGetProperty("personId", out var person)) return (type, "person:" + person.GetString());
        foreach (var key in new[] { "skill", "role", "programId", "name" })
            if (root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String) return (type, $"{type}:{v.GetString()}");
        return (type, type);
    }

    private static async Task<long> CountEventsAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select count(*) from {MartenTables.Events} where type <> 'tombstone'", conn);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task<Dictionary<string, string>> ServerSettingsAsync(string cs, CancellationToken ct)
    {
        var settings = new Dictionary<string, string>();
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "select name, current_setting(name) from pg_settings where name in ('server_version','fsync','synchronous_commit','full_page_writes','shared_buffers','work_mem','max_wal_size','wal_level','max_connections') order by name", conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) settings[reader.GetString(0)] = reader.GetString(1);
        return settings;
    }

    private static ProcessStartInfo DotnetSkillsLedger(BenchOptions o, params string[] args)
    {
        if (!File.Exists(o.SkillsLedgerDll)) throw new FileNotFoundException("skillsledger.dll not found (build src/SkillsLedger)", o.SkillsLedgerDll);
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(o.SkillsLedgerDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("SKILLSLEDGER_DB");
        psi.Environment.Remove("SKILLSLEDGER_DATA_DIR");
        return psi;
    }

    /// <summary>Peak resident set size so far (kB) from /proc/PID/status; 0 when it cannot be read.</summary>
    private static long VmHwmKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static string DefaultResultsDir()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SkillsLedger.sln"))) return Path.Combine(dir.FullName, "bench", "results");
        return Path.Combine(Environment.CurrentDirectory, "bench-results");
    }

    public static string Table(IReadOnlyList<ScenarioResult> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| scenario | count | seconds | rate | ratio | p50 / p99 ms | notes |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in results)
        {
            var rate = r.Unit.StartsWith("seconds", StringComparison.Ordinal) ? $"{r.Rate:N2} s" : $"{r.Rate:N0} {r.Unit}/s";
            var ratio = r.Ratio is { } q ? $"{q:P1} of {r.RatioTo}" : "";
            var lat = r.Details.TryGetValue("p50Ms", out var p50) ? $"{p50} / {r.Details["p99Ms"]}" : "";
            var notes = r.Details.TryGetValue("peakRssMb", out var rss) ? $"peak RSS {rss} MB" : "";
            sb.AppendLine($"| {r.Scenario} | {r.Count:N0} | {r.Seconds:N2} | {rate} | {ratio} | {lat} | {notes} |");
        }
        return sb.ToString();
    }

    /// <summary>Benchmarks call the API as a real client does: with an admin key of the default organisation.</summary>
    private static async Task AuthoriseAsync(Microsoft.AspNetCore.Builder.WebApplication app, HttpClient http, CancellationToken ct)
    {
        var keys = (SkillsLedger.Access.ApiKeys)app.Services.GetService(typeof(SkillsLedger.Access.ApiKeys))!;
        var (_, key) = await keys.CreateAsync("default", SkillsLedger.Access.Roles.Admin, "bench", ct);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
    }
}
