using SkillsLedger.Bench.Cluster;
using SkillsLedger.Cli;
using SkillsLedger.Domain.Demo;
using SkillsLedger.Infrastructure;
using SkillsLedger.Tests.Support;
using Xunit.Abstractions;

namespace SkillsLedger.Tests.Cluster;

/// <summary>
/// bench/cluster.sh at a small size: two `serve` processes in distributed mode on one database, the load client of the
/// benchmark SIGKILLs the one running the analytics projection, and the other must take it over while every
/// acknowledged event is stored exactly once. Real processes, a real kill, real PostgreSQL.
/// </summary>
public sealed class SeveralNodesTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "skillsledger-nodes-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly List<CliProcess> _nodes = [];

    public void Dispose()
    {
        foreach (var n in _nodes) n.Dispose();
        try { Directory.Delete(_dir, true); } catch { /* best effort */ }
    }

    [Fact]
    public async Task Killing_the_node_that_runs_analytics_moves_it_to_the_other_node_and_loses_or_doubles_no_acknowledged_event()
    {
        var cs = await TestCluster.CreateDatabaseAsync(nameof(SeveralNodesTests));
        string key;
        await using (var database = new LedgerDatabase(cs))
        using (await LedgerStoreFactory.CreateAsync(cs))
            (_, key) = await new SkillsLedger.Access.ApiKeys(database.DataSource, TimeProvider.System)
                .CreateAsync(LedgerStoreConfiguration.DefaultOrganisation, SkillsLedger.Access.Roles.Admin, "nodes-test", CancellationToken.None);
        var input = Path.Combine(_dir, "events.jsonl");
        await GenerateCommand.WriteAsync(new DemoOptions(People: 60, Seed: 7, Years: 2, AsOf: new DateOnly(2026, 6, 30)), input);

        var urls = new List<Uri>();
        for (var i = 0; i < 2; i++)
        {
            var url = new Uri($"http://127.0.0.1:{CliProcess.FreePort()}");
            _nodes.Add(CliProcess.Start(null, "serve", "--db", cs, "--urls", url.ToString().TrimEnd('/'), "--daemon", "distributed", "--heartbeat", "1"));
            urls.Add(url);
        }
        for (var i = 0; i < 2; i++) await _nodes[i].WaitReadyAsync(new Uri(urls[i], "/health/ready").ToString(), TimeSpan.FromMinutes(2));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var log = new StringWriter();
        var report = await new ClusterClient(new ClusterClientOptions
        {
            Nodes = urls, ApiKey = key, InputFile = input, Database = cs,
            Clients = 2, BatchEvents = 40, KillAfterSeconds = 2, AfterRecoverySeconds = 1, PaceMilliseconds = 100,
            RecoveryTimeoutSeconds = 90, CatchUpTimeoutSeconds = 120,
        }, log).RunAsync(CancellationToken.None);
        output.WriteLine($"{log}client run {clock.Elapsed.TotalSeconds:N1} s; recovery {report.Kill?.RecoverySeconds} s; catch-up {report.CatchUp.Seconds} s");

        Assert.True(report.Passed, string.Join("; ", report.Failures));
        var kill = Assert.IsType<KillReport>(report.Kill);
        var killed = _nodes.Single(n => n.Process.Id == kill.KilledPid);
        Assert.True(killed.Process.WaitForExit(10_000), "the analytics node was not killed");
        Assert.NotNull(kill.RecoverySeconds);
        Assert.NotNull(kill.NewOwner);
        Assert.NotEqual(kill.KilledNode, kill.NewOwner);
        Assert.True(report.CatchUp.CaughtUp);
        Assert.Equal(report.Nodes.Single(n => n.ProcessId != kill.KilledPid).NodeNumber, report.CatchUp.Node);
        Assert.True(report.ExactlyOnce.Acknowledged > 1000, $"only {report.ExactlyOnce.Acknowledged} events acknowledged");
        Assert.Equal(report.ExactlyOnce.Acknowledged, report.ExactlyOnce.StoredEvents);
        Assert.Equal((0, 0, 0), (report.ExactlyOnce.Missing, report.ExactlyOnce.Duplicated, report.ExactlyOnce.Unacknowledged));
        Assert.Equal(0, report.Ingest.BatchesRejected);
    }

    [Fact]
    public async Task Serve_refuses_an_unknown_daemon_mode_with_one_line_and_exit_2()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(null, "serve", "--daemon", "hot-cold", "--db", "Host=127.0.0.1;Port=1");
        Assert.Equal(2, exit);
        Assert.Equal("skillsledger: --daemon: daemon mode must be 'solo' or 'distributed' (got 'hot-cold')", stderr.Trim());
        (exit, _, stderr) = await CliProcess.RunAsync(null, "serve", "--heartbeat", "0", "--db", "Host=127.0.0.1;Port=1");
        Assert.Equal(2, exit);
        Assert.Contains("--heartbeat must be a whole number of seconds between 1 and 60 (got '0')", stderr);
    }

    [Theory]
    [InlineData("solo", ProjectionDaemonMode.Solo)]
    [InlineData(" Distributed ", ProjectionDaemonMode.Distributed)]
    public void Daemon_modes_parse_by_name(string text, ProjectionDaemonMode expected) =>
        Assert.Equal(expected, ProjectionDaemon.Parse(text));
}
