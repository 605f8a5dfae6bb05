using SkillsLedger.Effectiveness;
using SkillsLedger.Infrastructure;
using SkillsLedger.Readiness;
using SkillsLedger.Roi;
using SkillsLedger.Strategy;

namespace SkillsLedger.Dashboard;

/// <summary>
/// The slow figures of the dashboard, asked exactly as its pages ask them (same arguments, so the same cache keys):
/// the pages call these, and so does <see cref="FigureWarmer"/>, so a first visit finds them computed.
/// </summary>
public static class DashboardFigures
{
    /// <summary>Effectiveness as the programmes page shows it first.</summary>
    public const string DefaultEffectivenessGrouping = "modality";

    public const int EffectivenessWindowDays = 180;

    public static Task<ReadinessView> ReadinessAsync(FigureCache figures, LedgerDatabase db, string org, DateTimeOffset asOf, CancellationToken ct) =>
        ReadinessQuery.AnalyseAsync(figures, db, org, asOf, null, OverviewPage.MinGroupSize, ct);

    /// <summary>Goals known now (knownAt = the clock), as of the page's date.</summary>
    public static Task<GoalsView> GoalsAsync(FigureCache figures, LedgerDatabase db, string org, DateTimeOffset asOf, TimeProvider clock, CancellationToken ct) =>
        StrategyQuery.AllAsync(figures, db, org, asOf, clock.GetUtcNow(), ct);

    public static Task<RoiData> RoiDataAsync(FigureCache figures, LedgerDatabase db, RoiDataCache cache, string org, CancellationToken ct) =>
        RoiData.LoadAsync(figures, db, org, cache, ct);

    public static Task<EffectivenessView> EffectivenessAsync(FigureCache figures, LedgerDatabase db, string org, DateTimeOffset asOf, string by, CancellationToken ct) =>
        EffectivenessAnalysis.AnalyseAsync(figures, db, org, asOf, by, EffectivenessWindowDays, OverviewPage.MinGroupSize, ct);

    /// <summary>Every slow figure of the overview, programmes, strategy and person pages for one organisation and date.</summary>
    public static async Task WarmAsync(FigureCache figures, LedgerDatabase db, RoiDataCache cache, string org, DateTimeOffset asOf, TimeProvider clock, CancellationToken ct)
    {
        // One after the other: the service keeps its other core for the people using it.
        await ReadinessAsync(figures, db, org, asOf, ct);
        await GoalsAsync(figures, db, org, asOf, clock, ct);
        await RoiDataAsync(figures, db, cache, org, ct);
        await EffectivenessAsync(figures, db, org, asOf, DefaultEffectivenessGrouping, ct);
        // The person page's routes: the organisation's side and every required skill's observations.
        await Careers.RoutesQuery.OrganisationSideAsync(figures, db, org, asOf, null, ct);
        await Careers.RoutesQuery.ObservationsAsync(figures, db, org, [], asOf, null, ct);
        // Quick at the demo's size, seconds at 100,000 people: the overview's and team page's growth, the retention
        // page's and the programmes page's employment histories.
        await Growth.GrowthQuery.QueryAsync(figures, db, org, "program", ct, OverviewPage.MinGroupSize);
        await Growth.GrowthQuery.QueryAsync(figures, db, org, "team", ct, OverviewPage.MinGroupSize);
        await Retention.RetentionQuery.PeopleAsync(figures, db, org, "learner", ct);
    }
}
