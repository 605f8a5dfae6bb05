using SkillsLedger.Analytics.Strategy;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.SkillLevels;
using SkillsLedger.Domain.Strategy;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Strategy;

/// <summary>
/// Strategic coverage of every goal as it stood at (asOf, knownAt): supply and gap per target, a monthly trend, the
/// forecast at the due date (<see cref="SupplyModel"/>) and the learning linked to each goal. One home for the figures
/// the API, the CLI's `strategy status` and the report show.
/// </summary>
public static class StrategyQuery
{
    public const string Rule = "weighted-recency v1";
    public const string Method = "Monte Carlo supply forecast (docs/methods.md, Strategic coverage): per-person level changes drawn from the year before asOf, " +
                                 "observed departure hazard and moves out of the scope, entrants (hires, moves in) only where the ledger shows them; parameter uncertainty drawn per run; fixed seed";
    public const double OnTrack = 0.8;
    public const double OffTrack = 0.2;
    public const int TrendMonths = 24;

    public static string StatusOf(double probability) => probability >= OnTrack ? "on track" : probability < OffTrack ? "off track" : "at risk";

    /// <summary>Every goal, computed once per ledger state (<see cref="FigureCache"/>): what the API and the dashboard call.</summary>
    public static Task<GoalsView> AllAsync(FigureCache cache, LedgerDatabase db, string org, DateTimeOffset asOf, DateTimeOffset knownAt, CancellationToken ct) =>
        cache.GetAsync(stamp => $"goals|{org}|{asOf.UtcTicks}|{stamp.KnownAt(knownAt)}", c => AllAsync(db, org, asOf, knownAt, c), ct);

    public static async Task<GoalsView> AllAsync(LedgerDatabase db, string org, DateTimeOffset asOf, DateTimeOffset knownAt, CancellationToken ct)
    {
        var (ledger, goals) = await LoadAsync(db, org, asOf, knownAt, ct);
        var (learning, forGoal) = await LoadLearningAsync(db, org, asOf, knownAt, ledger, goals, ct);
        var workforce = new WorkforceAt(ledger.People.Values, knownAt);
        return new GoalsView(asOf, knownAt, Rule, Method, goals.Select(g => View(workforce, g, asOf, forGoal)).ToList(), learning);
    }

    /// <summary>One goal, or null when no goal of that id was set by (asOf, knownAt).</summary>
    public static async Task<GoalDetailView?> OneAsync(LedgerDatabase db, string org, string goalId, DateTimeOffset asOf, DateTimeOffset knownAt, CancellationToken ct)
    {
        var (ledger, goals) = await LoadAsync(db, org, asOf, knownAt, ct);
        if (goals.FirstOrDefault(g => g.Revision.Event.GoalId == goalId) is not { } goal) return null;
        var (_, forGoal) = await LoadLearningAsync(db, org, asOf, knownAt, ledger, goals, ct);
        return new GoalDetailView(asOf, knownAt, Rule, Method, View(new WorkforceAt(ledger.People.Values, knownAt), goal, asOf, forGoal));
    }

    private static async Task<(StrategyLedger, IReadOnlyList<GoalAsOf>)> LoadAsync(LedgerDatabase db, string org, DateTimeOffset asOf, DateTimeOffset knownAt, CancellationToken ct)
    {
        var ledger = await StrategyLedger.LoadAsync(db, org, await StrategyLedger.GoalSkillsAsync(db, org, ct), ct);
        return (ledger, ledger.GoalsAt(asOf, knownAt));
    }

    private static Task<(LearningLink, Func<IReadOnlyList<string>, GoalLearning>)> LoadLearningAsync(LedgerDatabase db, string org, DateTimeOffset asOf,
        DateTimeOffset knownAt, StrategyLedger ledger, IReadOnlyList<GoalAsOf> goals, CancellationToken ct) =>
        LearningLinkQuery.LoadAsync(db, org, asOf, ledger.ProgrammesAt(asOf, knownAt),
            goals.Where(g => g.Retired is null).Select(g => g.Revision.Event.GoalId).ToHashSet(StringComparer.Ordinal), ct);

    private static GoalView View(WorkforceAt workforce, GoalAsOf goal, DateTimeOffset asOf, Func<IReadOnlyList<string>, GoalLearning> learning)
    {
        var g = goal.Revision.Event;
        var targets = g.Targets.Select(t => Target(workforce, t, asOf, g.DueDate)).ToList();
        var probability = targets.Aggregate(1.0, (p, t) => p * t.Forecast.ProbabilityMeet);
        return new GoalView(g.GoalId, g.Name, g.DueDate, g.Note, goal.Revisions, g.OccurredAt, g.EventId ?? "",
            goal.Retired is null ? StatusOf(probability) : "retired", probability, targets, learning([g.GoalId]));
    }

    public static TargetView Target(WorkforceAt workforce, GoalTarget target, DateTimeOffset asOf, DateOnly dueDate)
    {
        var inScope = workforce.InScope(target.Scope, asOf).Count();
        var supply = workforce.Supply(target, asOf);
        var trend = Enumerable.Range(0, TrendMonths).Reverse()
            .Select(k => MonthEnd(asOf, k))
            .Select(end => new SupplyPoint(DateOnly.FromDateTime(end.UtcDateTime), workforce.Supply(target, end)))
            .ToList();
        var due = Domain.Time.AsOf.EndOfDay(dueDate);
        var evidence = SupplyEvidenceBuilder.Build(workforce, target, asOf, due);
        var forecast = SupplyModel.Forecast(evidence, target.Headcount);
        var view = new SupplyForecastView(dueDate, forecast.Mean, forecast.Median, new PeopleInterval(forecast.Low80, forecast.High80),
            new PeopleInterval(forecast.Low95, forecast.High95), forecast.ProbabilityMeet, forecast.Simulations, forecast.Seed,
            new ForecastFit(evidence.Leavers, evidence.ExposureYears, forecast.LeavingHazardPerYear, forecast.Changes, forecast.MeanChange / evidence.WindowYears,
                forecast.ChangeSpread, evidence.Entrants, evidence.EntrantsMeeting, evidence.MovedOut, evidence.StayedIn));
        return new TargetView(target.Skill, target.Level, target.Headcount, target.Scope, inScope, supply, Coverage.Gap(target.Headcount, supply),
            trend, view, StatusOf(forecast.ProbabilityMeet));
    }

    /// <summary>The end of the month <paramref name="monthsBack"/> months before asOf's month; asOf itself for the current month.</summary>
    private static DateTimeOffset MonthEnd(DateTimeOffset asOf, int monthsBack)
    {
        if (monthsBack == 0) return asOf;
        var month = new DateOnly(asOf.UtcDateTime.Year, asOf.UtcDateTime.Month, 1).AddMonths(-monthsBack);
        return Domain.Time.AsOf.EndOfDay(month.AddMonths(1).AddDays(-1));
    }
}
