using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using SkillsLedger.Analytics.People;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Retention;

public sealed record RetentionView(
    DateTimeOffset AsOf, int LandmarkDays, int HorizonMonths, int HorizonDays, string By, int MinGroupSize, string Method,
    int Followed, int NotYetAtLandmark, int LeftBeforeLandmark,
    IReadOnlyList<RetentionGroup> Groups, LogRankSummary? LogRank, HazardRatioSummary? HazardRatio, IReadOnlyList<string> Notes);

/// <summary>
/// GET /api/analytics/retention?landmarkDays=90&amp;horizonMonths=12&amp;by=learner|program|department&amp;adjust=department&amp;asOf=
/// </summary>
public static class RetentionEndpoint
{
    /// <summary>Average month (365.25 / 12 days): horizons in months become days this way everywhere.</summary>
    public const double DaysPerMonth = 30.4375;

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [WolverineGet("/api/analytics/retention")]
    public static async Task<IResult> Get(HttpContext http, LedgerDatabase db, TimeProvider clock, CancellationToken ct)
    {
        var q = http.Request;
        var (asOfValue, p1) = QueryValues.Instant(q, "asOf");
        var (landmark, p2) = QueryValues.Int(q, "landmarkDays", 90, 0, 3650);
        var (horizon, p3) = QueryValues.Int(q, "horizonMonths", 12, 1, 120);
        var (minGroup, p4) = QueryValues.Int(q, "minGroupSize", 5, 1, 1000);
        if ((p1 ?? p2 ?? p3 ?? p4) is { } problem) return problem;
        var by = q.Query["by"].ToString() is { Length: > 0 } b ? b : "learner";
        if (!TryGrouping(by, out var grouping)) return Problems.BadRequest("by", "must be one of learner|program|department");
        var adjust = q.Query["adjust"].ToString();
        if (adjust is not ("" or "department")) return Problems.BadRequest("adjust", "must be department or left out");
        var asOf = asOfValue ?? clock.GetUtcNow();

        var people = await EmployeeHistories.LoadAsync(db, RequestContext.Organisation(http), ct);
        return Results.Json(Analyse(people, asOf, landmark, horizon, by, minGroup, adjust == "department"), LedgerJson.Views);
    }

    /// <summary>The landmark retention analysis as the endpoint shows it (also used by the ROI report).</summary>
    public static RetentionView Analyse(IReadOnlyList<EmployeeHistory> people, DateTimeOffset asOf, int landmark, int horizon, string by, int minGroup,
        bool adjustForDepartment)
    {
        if (!TryGrouping(by, out var grouping)) throw new ArgumentOutOfRangeException(nameof(by), by, "must be one of learner|program|department");
        var cohort = LandmarkCohort.Build(people, asOf, landmark, grouping);
        var result = RetentionAnalysis.Run(cohort, horizon * DaysPerMonth, minGroup, adjustForDepartment);
        return new RetentionView(asOf, landmark, horizon, result.HorizonDays, by, minGroup,
            $"landmark analysis: people employed at hire + {landmark} days, grouped by what they completed before then, followed from the " +
            "landmark to leaving or asOf (censored); Kaplan–Meier with Greenwood variance and 95 % log(−log) intervals; log-rank test; " +
            "Cox proportional hazards (Efron ties) for learners versus none",
            cohort.Members.Count, cohort.NotYetAtLandmark, cohort.LeftBeforeLandmark,
            result.Groups, result.LogRank, result.HazardRatio, result.Notes);
    }

    internal static bool TryGrouping(string by, out RetentionGrouping grouping)
    {
        grouping = by switch { "program" => RetentionGrouping.Program, "department" => RetentionGrouping.Department, _ => RetentionGrouping.Learner };
        return by is "learner" or "program" or "department";
    }
}
