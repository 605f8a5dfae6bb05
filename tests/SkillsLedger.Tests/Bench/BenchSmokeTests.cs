using System.Text.Json;
using SkillsLedger.Bench;

namespace SkillsLedger.Tests.Bench;

/// <summary>
/// Every benchmark scenario at a tiny size, so the benchmark code cannot rot. No timing thresholds: the machine is
/// shared and noisy; the figures that matter are in docs/performance.md, measured against raw PostgreSQL in one run.
/// </summary>
public sealed class BenchSmokeTests : IDisposable
{
    private readonly string _results = Path.Combine(Path.GetTempPath(), "skillsledger-bench-smoke-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        try { Directory.Delete(_results, true); } catch { /* best effort */ }
    }

    [Fact]
    public async Task Every_scenario_runs_at_a_tiny_size_reports_a_positive_rate_and_writes_the_json()
    {
        var options = BenchOptions.Quick with { Events = 2_000, HttpEvents = 2_000, ReadRequests = 40, Clients = 4, ColdStarts = 1, ResultsDir = _results, Quiet = true };
        var report = await BenchRunner.RunAsync(options, TextWriter.Null);

        var names = report.Results.Select(r => r.Scenario).ToList();
        foreach (var scenario in BenchOptions.AllScenarios)
            Assert.Contains(names, n => n == scenario || n.StartsWith(scenario + " ", StringComparison.Ordinal));
        Assert.Equal(3, names.Count(n => n.StartsWith("reads /", StringComparison.Ordinal)));
        Assert.Contains("reads-sql-baseline", names);
        // The service ran as `serve` in its own process and reported its own time (Server-Timing) on every route.
        Assert.All(report.Results.Where(r => r.Scenario.StartsWith("reads /", StringComparison.Ordinal) || r.Scenario.StartsWith("reads paced /", StringComparison.Ordinal)),
            r => Assert.True((double)r.Details["serverP50Ms"] > 0, $"{r.Scenario}: no Server-Timing"));
        // Then the same at half the slowest route's closed-loop rate, open loop.
        var paced = report.Results.Where(r => r.Scenario.StartsWith("reads paced /", StringComparison.Ordinal) || r.Scenario == "reads-sql-baseline paced").ToList();
        Assert.Equal(4, paced.Count);
        var slowest = report.Results.Where(r => r.Scenario.StartsWith("reads /", StringComparison.Ordinal)).Min(r => r.Rate);
        Assert.All(paced, r => Assert.Equal(Math.Round(0.5 * slowest), (double)r.Details["scheduledRequestsPerSecond"]));
        Assert.All(report.Results, r => Assert.True(r.Rate > 0 && double.IsFinite(r.Rate), $"{r.Scenario}: rate {r.Rate}"));
        Assert.Equal(2_000, report.Results.Single(r => r.Scenario == "import").Count);
        Assert.True((double)report.Results.Single(r => r.Scenario == "import").Details["peakRssMb"] > 0);

        Assert.True(File.Exists(report.JsonPath), report.JsonPath);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report.JsonPath));
        Assert.Equal(report.Results.Count, json.RootElement.GetProperty("results").GetArrayLength());
        Assert.Equal("on", json.RootElement.GetProperty("environment").GetProperty("postgres").GetProperty("fsync").GetString());
    }

    [Fact]
    public void Options_parse_sizes_and_scenarios_and_refuse_unknown_ones()
    {
        var o = BenchOptions.Parse(["--events", "1,000,000", "--scenarios", "copy-baseline,import"]);
        Assert.Equal(1_000_000, o.Events);
        Assert.Equal(["copy-baseline", "import"], o.Scenarios);
        Assert.Equal(17_500, BenchOptions.Parse(["--people", "17500"]).People);
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--scenarios", "nope"]));
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--events", "0"]));
        var reads = BenchOptions.Parse(["--serve-env", "DOTNET_gcServer=0,DOTNET_TieredPGO=0", "--serve-db-options", "Max Auto Prepare=0", "--work", "w", "--read-warm-up", "3"]);
        Assert.Equal("0", reads.ServeEnvironment["DOTNET_gcServer"]);
        Assert.Equal("0", reads.ServeEnvironment["DOTNET_TieredPGO"]);
        Assert.Equal("Max Auto Prepare=0", reads.ServeDbOptions);
        Assert.True(reads.Keep);
        Assert.Equal(Path.GetFullPath("w"), reads.WorkDir);
        Assert.Equal(TimeSpan.FromSeconds(3), reads.ReadWarmUp);
        Assert.Equal(0.5, reads.ReadLoad);
        Assert.Equal(0.25, BenchOptions.Parse(["--read-load", "0.25"]).ReadLoad);
        Assert.Equal(0, BenchOptions.Parse(["--read-load", "0"]).ReadLoad);
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--read-load", "1.5"]));
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--serve-env", "novalue"]));
    }

    [Fact]
    public async Task A_paced_request_waits_for_its_slot_and_is_timed_from_it()
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var calls = new System.Collections.Concurrent.ConcurrentDictionary<int, (double DueMs, double SentMs)>();
        double Ms(long t) => System.Diagnostics.Stopwatch.GetElapsedTime(start, t).TotalMilliseconds;
        // 11 requests at 50/s on one client: request i is due i × 20 ms after the start. Request 3 takes 150 ms, so the
        // next ones find the only client busy and leave late, still timed from when they were due (the delay counts).
        await Pacing.RunAsync(11, 1, 50, async (i, due) =>
        {
            calls[i] = (Ms(due), Ms(System.Diagnostics.Stopwatch.GetTimestamp()));
            if (i == 3) await Task.Delay(150);
        }, CancellationToken.None);

        Assert.Equal(11, calls.Count);
        for (var i = 0; i < 11; i++)
        {
            // The schedule: every 20 ms from the first slot. Measured from the first slot, not from before the call, because
            // the pacer's thread may start a few ms late on a loaded machine (CI flake: 9 ms with builds running beside).
            Assert.True(calls[0].DueMs >= 0);
            Assert.InRange(calls[i].DueMs - calls[0].DueMs, i * 20 - 0.5, i * 20 + 0.5);
            Assert.True(calls[i].SentMs >= calls[i].DueMs - 0.01, $"request {i} sent {calls[i].SentMs} ms, due {calls[i].DueMs} ms: never early");
        }
        // (Task.Delay may end a millisecond or so early by the Stopwatch: timers count whole milliseconds.)
        Assert.True(calls[4].SentMs >= calls[3].SentMs + 140, $"request 4 waited for the busy client: sent {calls[4].SentMs} ms, request 3 at {calls[3].SentMs} ms");
        Assert.True(calls[10].SentMs < calls[10].DueMs + 50, "once the client is free, the waiting requests leave at once");
    }

    [Fact]
    public async Task A_closed_loop_client_sends_its_next_request_when_the_last_is_answered()
    {
        var inFlight = 0;
        var most = 0;
        var sent = 0;
        await Pacing.RunAsync(200, 4, null, async (_, due) =>
        {
            Assert.InRange(System.Diagnostics.Stopwatch.GetElapsedTime(due).TotalMilliseconds, 0, 1000); // timed from now
            var now = Interlocked.Increment(ref inFlight);
            lock (this) most = Math.Max(most, now);
            await Task.Yield();
            Interlocked.Decrement(ref inFlight);
            Interlocked.Increment(ref sent);
        }, CancellationToken.None);
        Assert.Equal(200, sent);
        Assert.InRange(most, 1, 4);
    }
}
