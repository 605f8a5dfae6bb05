using SkillsLedger.Infrastructure;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Infrastructure;

/// <summary>
/// The figure cache against a real ledger: a quick figure is never answered from an earlier ledger state; a slow one is,
/// while exactly one new computation runs, and the answer says which state it counts.
/// </summary>
// Own host (IClassFixture, not a SharedLedger collection): the cache follows the whole ledger's position: any other class's append would change what it answers.
public class FigureCacheTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private sealed record Figure(int Version);

    private int _appended;

    private async Task AppendAsync()
    {
        var response = await app.PostEventsAsync(Events.Hired($"F{Interlocked.Increment(ref _appended)}"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_quick_figure_is_computed_afresh_after_any_append()
    {
        var ages = new List<FigureAge>();
        var cache = new FigureCache(new LedgerDatabase(app.ConnectionString), slowFigure: TimeSpan.MaxValue, served: ages.Add);
        await AppendAsync();
        Assert.Equal(1, (await cache.GetAsync("quick", _ => Task.FromResult(new Figure(1)), default)).Version);
        Assert.Equal(1, (await cache.GetAsync("quick", _ => Task.FromResult(new Figure(2)), default)).Version); // same ledger: kept
        await AppendAsync();
        Assert.Equal(3, (await cache.GetAsync("quick", _ => Task.FromResult(new Figure(3)), default)).Version);
        Assert.Empty(ages);
    }

    [Fact]
    public async Task A_slow_figure_is_answered_from_its_last_computation_while_one_new_computation_runs()
    {
        var ages = new List<FigureAge>();
        // Every figure counts as slow here (threshold zero), so the test needs no clock.
        var cache = new FigureCache(new LedgerDatabase(app.ConnectionString), slowFigure: TimeSpan.Zero, served: a => { lock (ages) ages.Add(a); },
            slowRefresh: TimeSpan.Zero);
        await AppendAsync();
        Assert.Equal(1, (await cache.GetAsync("slow", _ => Task.FromResult(new Figure(1)), default)).Version);
        Assert.Empty(ages);

        await AppendAsync();
        var release = new TaskCompletionSource();
        var computations = 0;
        async Task<Figure> Second(CancellationToken _)
        {
            Interlocked.Increment(ref computations);
            await release.Task;
            return new Figure(2);
        }
        // The ledger moved: the answer is the earlier figure, at once, and says up to which event it counts.
        Assert.Equal(1, (await cache.GetAsync("slow", Second, default)).Version);
        var age = Assert.Single(ages);
        Assert.True(age.ThroughEvent < age.NewestEvent, $"{age.ThroughEvent} < {age.NewestEvent}");

        // Asked again, even after another append, while the new computation runs: still the earlier figure, and no
        // second computation starts.
        await AppendAsync();
        Assert.Equal(1, (await cache.GetAsync("slow", Second, default)).Version);
        Assert.Equal(1, computations);

        release.SetResult();
        // Once it has finished, its figure is what is answered; a computation at the newest state follows once four
        // times the last one's length has passed (the refresh interval is zero here).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        Figure latest;
        do latest = await cache.GetAsync("slow", _ => Task.FromResult(new Figure(3)), default);
        while (latest.Version == 1 && DateTime.UtcNow < deadline);
        Assert.Equal(2, latest.Version);
        Assert.Equal(1, computations);
        do latest = await cache.GetAsync("slow", _ => Task.FromResult(new Figure(4)), default);
        while (latest.Version == 2 && DateTime.UtcNow < deadline);
        Assert.InRange(latest.Version, 3, 4); // 3 when the first ask after it was already past the spacing
    }

    [Fact]
    public async Task A_slow_figure_is_not_recomputed_sooner_than_its_refresh_interval()
    {
        var ages = new List<FigureAge>();
        var cache = new FigureCache(new LedgerDatabase(app.ConnectionString), slowFigure: TimeSpan.Zero, served: a => { lock (ages) ages.Add(a); },
            slowRefresh: TimeSpan.FromHours(1));
        await AppendAsync();
        Assert.Equal(1, (await cache.GetAsync("spaced", _ => Task.FromResult(new Figure(1)), default)).Version);
        await AppendAsync();
        var computations = 0;
        // Computed a moment ago: the earlier figure is answered (and says so), and no computation starts.
        Assert.Equal(1, (await cache.GetAsync("spaced", _ => { computations++; return Task.FromResult(new Figure(2)); }, default)).Version);
        Assert.Equal(0, computations);
        Assert.Single(ages);
    }
    [Fact]
    public async Task Slow_figures_answered_from_an_earlier_state_are_recomputed_one_at_a_time()
    {
        var cache = new FigureCache(new LedgerDatabase(app.ConnectionString), slowFigure: TimeSpan.Zero, slowRefresh: TimeSpan.Zero);
        await AppendAsync();
        await cache.GetAsync("lane-a", _ => Task.FromResult(new Figure(1)), default);
        await cache.GetAsync("lane-b", _ => Task.FromResult(new Figure(1)), default);
        await AppendAsync();

        var releaseA = new TaskCompletionSource();
        var aStarted = new TaskCompletionSource();
        var bStarted = new TaskCompletionSource();
        // Both answered at once from their earlier computation; a's new computation holds the lane.
        Assert.Equal(1, (await cache.GetAsync("lane-a", async _ => { aStarted.SetResult(); await releaseA.Task; return new Figure(2); }, default)).Version);
        await aStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, (await cache.GetAsync("lane-b", _ => { bStarted.SetResult(); return Task.FromResult(new Figure(2)); }, default)).Version);

        // b's computation waits for a's: it has not started while a's runs (checked after giving it every chance).
        await Task.WhenAny(bStarted.Task, Task.Delay(TimeSpan.FromMilliseconds(500)));
        Assert.False(bStarted.Task.IsCompleted, "a second slow recomputation started while the first ran");
        releaseA.SetResult();
        await bStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}

public class BackgroundConnectionTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private static async Task<string> ParallelWorkersAsync(LedgerDatabase db)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("show max_parallel_workers_per_gather", conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_background_computation_queries_without_parallel_workers_and_the_caller_keeps_them()
    {
        await using var db = new LedgerDatabase(app.ConnectionString);
        var before = await ParallelWorkersAsync(db);
        Assert.NotEqual("0", before); // PostgreSQL's default, 2
        Assert.Equal("0", await db.InBackground(() => ParallelWorkersAsync(db)));
        Assert.Equal(before, await ParallelWorkersAsync(db));
    }
}

public class FigureFreshnessTests
{
    [Fact]
    public void A_request_keeps_its_oldest_figure_age_and_says_it_in_a_header()
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        Assert.Null(SkillsLedger.Web.FigureFreshness.Of(http));
        SkillsLedger.Web.FigureFreshness.Record(http, new FigureAge(120, 150, DateTimeOffset.UnixEpoch));
        SkillsLedger.Web.FigureFreshness.Record(http, new FigureAge(140, 150, DateTimeOffset.UnixEpoch));
        Assert.Equal(120, SkillsLedger.Web.FigureFreshness.Of(http)!.Value.ThroughEvent);
        Assert.Equal("120", http.Response.Headers[SkillsLedger.Web.FigureFreshness.Header].ToString());
    }
}
