using System.Text.RegularExpressions;
using SkillsLedger.Bench.Cluster;
using SkillsLedger.Cli;
using SkillsLedger.Domain.Demo;
using SkillsLedger.Infrastructure;
using SkillsLedger.ProjectionOps;
using SkillsLedger.Projections.Analytics;
using SkillsLedger.Tests.Analytics;
using SkillsLedger.Tests.Support;
using Xunit.Abstractions;

namespace SkillsLedger.Tests.Cluster;

/// <summary>
/// What docs/operations.md promises for `rebuild analytics --force`, as a user would run it: the rebuild is its own
/// process, the service runs in one (Solo) or two (distributed) other processes, and a client keeps posting events over
/// HTTP before, during and after the rebuild. Afterwards every acknowledged event is stored once, the daemon has moved
/// past the rebuild's cut, and the tables it kept up to date are identical to a fresh rebuild of the final log.
/// </summary>
public sealed class ForcedRebuildUnderLoadTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "skillsledger-forced-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly List<CliProcess> _nodes = [];
    private static readonly HttpClient Http = new();

    public void Dispose()
    {
        foreach (var n in _nodes) n.Dispose();
        try { Directory.Delete(_dir, true); } catch { /* best effort */ }
    }

    [Fact]
    public Task A_forced_rebuild_from_another_process_under_a_solo_serve_receiving_events_loses_or_doubles_nothing() =>
        RunAsync(nodes: 1, "solo");

    [Fact]
    public Task A_forced_rebuild_under_two_distributed_nodes_receiving_events_loses_or_doubles_nothing() =>
        RunAsync(nodes: 2, "distributed");

    /// <summary>
    /// A rebuild that keeps the daemon waiting longer than the service's command timeout (30 s by default; a rebuild of
    /// millions of events takes longer). Made small: the service's timeout is 2 s, and the rebuild is held for 8 s after it
    /// has locked the progression row (by holding the schema's DDL lock, which it takes next). The daemon's waiting page
    /// times out, is logged and retried; after the rebuild it carries on, with the same outcome.
    /// </summary>
    [Fact]
    public Task A_forced_rebuild_longer_than_the_daemons_command_timeout_costs_retries_but_loses_or_doubles_nothing() =>
        RunAsync(nodes: 1, "solo", commandTimeoutSeconds: 2, holdRebuildSeconds: 8);

    private async Task RunAsync(int nodes, string daemon, int? commandTimeoutSeconds = null, int holdRebuildSeconds = 0)
    {
        var cs = await TestCluster.CreateDatabaseAsync(nameof(ForcedRebuildUnderLoadTests) + daemon);
        string key;
        await using (var database = new LedgerDatabase(cs))
        using (await LedgerStoreFactory.CreateAsync(cs))
            (_, key) = await new SkillsLedger.Access.ApiKeys(database.DataSource, TimeProvider.System)
                .CreateAsync(LedgerStoreConfiguration.DefaultOrganisation, SkillsLedger.Access.Roles.Admin, "forced-rebuild-test", CancellationToken.None);
        Directory.CreateDirectory(_dir);
        var input = Path.Combine(_dir, "events.jsonl");
        // More people than the paced clients can post in the run: the ingest is stopped by time, never runs dry mid-rebuild.
        await GenerateCommand.WriteAsync(new DemoOptions(People: 250, Seed: 11, Years: 2, AsOf: new DateOnly(2026, 6, 30)), input);

        var urls = new List<Uri>();
        for (var i = 0; i < nodes; i++)
        {
            var url = new Uri($"http://127.0.0.1:{CliProcess.FreePort()}");
            var serviceDb = commandTimeoutSeconds is { } t ? cs + $";Command Timeout={t}" : cs;
            _nodes.Add(CliProcess.Start(null, "serve", "--db", serviceDb, "--urls", url.ToString().TrimEnd('/'), "--daemon", daemon, "--heartbeat", "1"));
            urls.Add(url);
        }
        for (var i = 0; i < nodes; i++) await _nodes[i].WaitReadyAsync(new Uri(urls[i], "/health/ready").ToString(), TimeSpan.FromMinutes(2));

        long daemonBefore = 0;
        (int Exit, string Stdout, string Stderr) rebuild = default;
        var log = new StringWriter();
        var report = await new ClusterClient(new ClusterClientOptions
        {
            Nodes = urls, ApiKey = key, InputFile = input, Database = cs,
            Clients = 2, BatchEvents = 40, PaceMilliseconds = 200, KillAfterSeconds = 0,
            DuringIngestAfterSeconds = 3, AfterRecoverySeconds = 3, CatchUpTimeoutSeconds = 120,
            DuringIngest = async ct =>
            {
                // The forced path cuts at a *running* daemon's position: wait until one holds the projection and has applied events.
                daemonBefore = (await WaitForRunningDaemonAsync(urls, key, ct)).AnalyticsPosition;
                if (holdRebuildSeconds == 0)
                {
                    rebuild = await CliProcess.RunAsync(null, "rebuild", "analytics", "--force", "--db", cs);
                    return;
                }
                await using var ddl = new Npgsql.NpgsqlConnection(cs);
                await ddl.OpenAsync(ct);
                await using (var take = new Npgsql.NpgsqlCommand($"select pg_advisory_lock({AnalyticsSchema.DdlLock})", ddl)) await take.ExecuteNonQueryAsync(ct);
                var running = CliProcess.RunAsync(null, "rebuild", "analytics", "--force", "--db", cs);
                // The command's start-up (schema checks) takes the same lock for moments: let those through, queue behind
                // them, until the waiter is the rebuild itself.
                while (!await AdvisoryWaiterAsync(cs, ct))
                {
                    await using (var release = new Npgsql.NpgsqlCommand($"select pg_advisory_unlock({AnalyticsSchema.DdlLock})", ddl)) await release.ExecuteNonQueryAsync(ct);
                    await using (var retake = new Npgsql.NpgsqlCommand($"select pg_advisory_lock({AnalyticsSchema.DdlLock})", ddl)) await retake.ExecuteNonQueryAsync(ct);
                }
                await Task.Delay(TimeSpan.FromSeconds(holdRebuildSeconds), ct);
                await using (var release = new Npgsql.NpgsqlCommand($"select pg_advisory_unlock({AnalyticsSchema.DdlLock})", ddl)) await release.ExecuteNonQueryAsync(ct);
                rebuild = await running;
            },
        }, log).RunAsync(CancellationToken.None);
        output.WriteLine($"{log}rebuild exit {rebuild.Exit}\n{rebuild.Stdout}{rebuild.Stderr}");

        // The rebuild: its own process, exit 0, cut at the running daemon's committed position.
        Assert.True(rebuild.Exit == 0, $"rebuild exited {rebuild.Exit}: {rebuild.Stderr}");
        Assert.Contains("a running daemon is at sequence", rebuild.Stderr);
        var cut = long.Parse(Regex.Match(rebuild.Stdout ?? "", @"up to sequence ([\d,]+)").Groups[1].Value.Replace(",", ""));
        Assert.True(cut >= daemonBefore && cut > 0, $"cut {cut} below the daemon's position {daemonBefore} before the rebuild");

        // Appends went on while it ran, and after.
        var during = Assert.IsType<DuringIngestReport>(report.DuringIngest);
        Assert.True(during.AcknowledgedBefore > 0 && during.AcknowledgedDuring > 0 && during.AcknowledgedAfter > 0,
            $"acknowledged before/during/after the rebuild: {during.AcknowledgedBefore}/{during.AcknowledgedDuring}/{during.AcknowledgedAfter}");

        // Every acknowledged event stored once; the daemon caught up, past the cut.
        Assert.True(report.Passed, string.Join("; ", report.Failures));
        Assert.Equal(report.ExactlyOnce.Acknowledged, report.ExactlyOnce.StoredEvents);
        Assert.Equal((0, 0, 0), (report.ExactlyOnce.Missing, report.ExactlyOnce.Duplicated, report.ExactlyOnce.Unacknowledged));
        Assert.Equal(0, report.Ingest.BatchesRejected);
        Assert.True(report.CatchUp.CaughtUp);
        Assert.True(report.CatchUp.Position > cut, $"the daemon did not move past the cut {cut} (at {report.CatchUp.Position})");
        Assert.Equal(report.CatchUp.LastSequence, report.CatchUp.Position);

        // Every node's status: the projection held by a live node, at the end of the log. (The endpoint has no error field:
        // a stopped or paused shard shows as lag that does not fall, and in the service's log, checked below.)
        foreach (var url in urls)
        {
            var status = await StatusAsync(url, key);
            Assert.Equal((0L, report.CatchUp.LastSequence), (status.Lag, status.Position));
            Assert.NotNull(status.Node);
        }
        // Without a hold the daemon's page waits for the rebuild without an error; with one it times out and retries (logged).
        if (holdRebuildSeconds == 0)
            foreach (var node in _nodes)
                Assert.DoesNotContain(ServiceLog(node), line => line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal));
        else
            Assert.Contains(ServiceLog(node: _nodes[0]), line => line.Contains("timed out", StringComparison.OrdinalIgnoreCase)); // the case really happened

        // Stop the service, then compare with a rebuild of the final log that nothing runs beside (not forced: it would
        // refuse if a node were still connected).
        foreach (var node in _nodes) node.Terminate();
        foreach (var node in _nodes) Assert.True(node.Process.WaitForExit(60_000), "a node did not stop after SIGTERM");
        var live = await AnalyticsTables.DumpAsync(cs);
        var fresh = await AnalyticsFullRebuild.RunAsync(cs, force: false, _ => { });
        Assert.Equal(report.CatchUp.LastSequence, fresh.CutSequence);
        AnalyticsTables.AssertIdentical(await AnalyticsTables.DumpAsync(cs), live,
            "tables kept by the daemon across a forced rebuild under load vs a fresh rebuild of the final log");
    }

    private static async Task<NodeStatus> WaitForRunningDaemonAsync(IReadOnlyList<Uri> urls, string key, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var all = await NodeStatus.ReadAllAsync(Http, urls, key, ct);
            if (all.FirstOrDefault(s => s.AnalyticsNode is not null && s.AnalyticsPosition > 0) is { } running) return running;
            await Task.Delay(250, ct);
        }
        throw new TimeoutException("no node ran the analytics projection within 60 s");
    }

    /// <summary>
    /// Waits for a session waiting on an advisory lock; true when it is the rebuild itself (it holds the progression row:
    /// it has chosen its cut), false for anything else (the command's start-up). Told apart by their locks, not their
    /// names: the test cluster names every client alike.
    /// </summary>
    private static async Task<bool> AdvisoryWaiterAsync(string cs, CancellationToken ct)
    {
        for (var i = 0; i < 1200; i++)
        {
            await using var conn = new Npgsql.NpgsqlConnection(cs);
            await conn.OpenAsync(ct);
            await using var cmd = new Npgsql.NpgsqlCommand("""
                select bool_or(exists (select from pg_locks r where r.pid = w.pid and r.granted and r.locktype = 'relation'
                                         and r.relation = 'ledger.mt_event_progression'::regclass and r.mode = 'RowShareLock'))
                  from pg_locks w where w.locktype = 'advisory' and not w.granted
                """, conn);
            if (await cmd.ExecuteScalarAsync(ct) is bool rebuild) return rebuild;
            await Task.Delay(50, ct);
        }
        throw new TimeoutException("nothing waited for the DDL lock within 60 s");
    }

    private sealed record AnalyticsStatus(long Lag, long Position, int? Node);

    private static async Task<AnalyticsStatus> StatusAsync(Uri node, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node, "/api/projections/status"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var analytics = doc.RootElement.GetProperty("projections").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == AnalyticsProjection.ShardIdentity);
        return new AnalyticsStatus(analytics.GetProperty("lag").GetInt64(), analytics.GetProperty("position").GetInt64(),
            analytics.GetProperty("node").ValueKind == System.Text.Json.JsonValueKind.Number ? analytics.GetProperty("node").GetInt32() : null);
    }

    /// <summary>The service's own log lines (stdout and stderr): warnings and above only.</summary>
    private static string[] ServiceLog(CliProcess node) => (node.Stdout + node.Stderr).Split('\n');
}
