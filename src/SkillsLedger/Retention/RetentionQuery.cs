using SkillsLedger.Analytics.People;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Retention;

public sealed record RetentionView(
    DateTimeOffset AsOf, int LandmarkDays, int HorizonMonths, int HorizonDays, string By, int MinGroupSize, string Method,
    int Followed, int NotYetAtLandmark, int LeftBeforeLandmark,
    IReadOnlyList<RetentionGroup> Groups, LogRankSummary? LogRank, HazardRatioSummary? HazardRatio, IReadOnlyList<string> Notes);

/// <summary>
/// The landmark retention analysis: the figures of GET /api/analytics/retention, the ROI report and the dashboard.
/// </summary>
public static class RetentionQuery
{
    /// <summary>Average month (365.25 / 12 days): horizons in months become days this way everywhere.</summary>
    public const double DaysPerMonth = 30.4375;

    /// <summary>The analysis of <paramref name="people"/> as of <paramref name="asOf"/>.</summary>
    public static RetentionView Analyse(IReadOnlyList<EmployeeHistory> people, DateTimeOffset asOf, int landmark, int horizon, string by, int minGroup,
        bool adjustForDepartment)
    {
        if (!TryGrouping(by, out var grouping)) throw new ArgumentOutOfRangeException(nameof(by), by, "must be one of learner|program|department|generation");
        var cohort = LandmarkCohort.Build(people, asOf, landmark, grouping);
        var result = RetentionAnalysis.Run(cohort, horizon * DaysPerMonth, minGroup, adjustForDepartment);
        return new RetentionView(asOf, landmark, horizon, result.HorizonDays, by, minGroup,
            $"landmark analysis: people employed at hire + {landmark} days, grouped by what they completed before then, followed from the " +
            "landmark to leaving or asOf (censored); Kaplan–Meier with Greenwood variance and 95 % log(−log) intervals; log-rank test; " +
            "Cox proportional hazards (Efron ties) for learners versus none",
            cohort.Members.Count, cohort.NotYetAtLandmark, cohort.LeftBeforeLandmark,
            result.Groups, result.LogRank, result.HazardRatio, result.Notes);
    }

    public static readonly string[] Groupings = ["learner", "program", "department", "generation"];

    /// <summary>by=generation needs each person's generation (<see cref="Generations.GenerationQuery.WithGenerationsAsync"/>) loaded first.</summary>
    public static bool TryGrouping(string by, out RetentionGrouping grouping)
    {
        grouping = by switch
        {
            "program" => RetentionGrouping.Program, "department" => RetentionGrouping.Department, "generation" => RetentionGrouping.Generation,
            _ => RetentionGrouping.Learner,
        };
        return by is "learner" or "program" or "department" or "generation";
    }

    /// <summary>
    /// Everyone's employment and learning, with their generation when the grouping needs it: once per ledger state
    /// (retention, participation and their pages all start from it; ~1–1.5 s at 100,000 people).
    /// </summary>
    public static Task<IReadOnlyList<EmployeeHistory>> PeopleAsync(FigureCache figures, LedgerDatabase db, string org, string by, CancellationToken ct) =>
        figures.GetAsync($"{org}|{(by == "generation" ? "generation" : "all")}", c => PeopleAsync(db, org, by, c), ct);

    private static async Task<IReadOnlyList<EmployeeHistory>> PeopleAsync(LedgerDatabase db, string org, string by, CancellationToken ct)
    {
        var people = await EmployeeHistories.LoadAsync(db, org, ct);
        return by == "generation" ? await Generations.GenerationQuery.WithGenerationsAsync(db, org, people, ct) : people;
    }
}
