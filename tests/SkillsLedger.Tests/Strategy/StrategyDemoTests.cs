using Marten;
using SkillsLedger.Domain.Demo;
using SkillsLedger.Infrastructure;
using SkillsLedger.Strategy;
using SkillsLedger.Tests.Support;
using Xunit.Abstractions;

namespace SkillsLedger.Tests.Strategy;

/// <summary>
/// The demo's three goals come out on track, at risk and off track, as built in (DemoStrategy), for demos of
/// different sizes and seeds: loaded through the write path into PostgreSQL, read back by the same query as the API.
/// </summary>
public sealed class StrategyDemoTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(700, 5)]
    [InlineData(1500, 42)]
    public async Task The_demo_goals_are_on_track_at_risk_and_off_track(int people, int seed)
    {
        var cs = await TestCluster.CreateDatabaseAsync($"StrategyDemo{seed}");
        using var store = await LedgerStoreFactory.CreateAsync(cs);
        var asOf = new DateOnly(2026, 6, 30);
        await DemoLedger.LoadAsync(store, cs, new DemoOptions(People: people, Seed: seed, AsOf: asOf), "strategy-demo");
        await using var db = new LedgerDatabase(cs);
        var end = SkillsLedger.Domain.Time.AsOf.EndOfDay(asOf);
        var view = await StrategyQuery.AllAsync(db, LedgerStoreConfiguration.DefaultOrganisation, end, DateTimeOffset.UtcNow, CancellationToken.None);
        foreach (var g in view.Goals)
            output.WriteLine($"{g.GoalId}: {g.Status} P={g.ProbabilityMeet:0.000} supply {g.Targets[0].Supply} headcount {g.Targets[0].Headcount} median {g.Targets[0].Forecast.Median}");
        var status = view.Goals.ToDictionary(g => g.GoalId, g => g.Status);
        Assert.Equal("on track", status["cloud-ready-engineering"]);
        Assert.Equal("at risk", status["data-literate-organisation"]);
        Assert.Equal("off track", status["coaching-leadership"]);
        Assert.Equal(2, view.Goals.Single(g => g.GoalId == "cloud-ready-engineering").Revision);
    }
}
