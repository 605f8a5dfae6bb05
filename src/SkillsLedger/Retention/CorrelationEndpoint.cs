using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using SkillsLedger.Analytics.People;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Retention;

public sealed record CorrelationView(DateTimeOffset From, DateTimeOffset To, string Measure, int N, double? R, double? CiLow, double? CiHigh,
    double? P, int Learners, int Leavers, string Method, string? Note);

/// <summary>GET /api/analytics/retention/correlation?from=&amp;to=&amp;measure=courses|hours</summary>
public static class CorrelationEndpoint
{
    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [WolverineGet("/api/analytics/retention/correlation")]
    public static async Task<IResult> Get(HttpContext http, LedgerDatabase db, TimeProvider clock, CancellationToken ct)
    {
        var (fromValue, p1) = QueryValues.Instant(http.Request, "from");
        var (toValue, p2) = QueryValues.Instant(http.Request, "to");
        var (minGroup, p3) = QueryValues.Int(http.Request, "minGroupSize", 5, 1, 1000);
        if ((p1 ?? p2 ?? p3) is { } problem) return problem;
        var measureText = http.Request.Query["measure"].ToString() is { Length: > 0 } m ? m : "courses";
        if (measureText is not ("courses" or "hours")) return Problems.BadRequest("measure", "must be courses or hours");
        var to = toValue ?? clock.GetUtcNow();
        var from = fromValue ?? to.AddDays(-365);
        if (from >= to) return Problems.BadRequest("from", "must be before to");

        var people = await EmployeeHistories.LoadAsync(db, RequestContext.Organisation(http), ct);
        var measure = measureText == "hours" ? LearningMeasure.Hours : LearningMeasure.Courses;
        var result = LearningRetentionCorrelation.Compute(people, from, to, measure);
        const string method = "point-biserial correlation (Pearson r with leaving = 1) among people employed at any time in [from, to]; " +
                              "95 % interval by Fisher's z; p from the t test with n − 2 df. Association, not effect.";
        if (result is null)
            return Results.Json(new CorrelationView(from, to, measureText, 0, null, null, null, null, 0, 0, method, "fewer than 3 people in the window"), LedgerJson.Views);
        if (result.N < minGroup || result.Leavers < minGroup && result.Leavers > 0)
            // Small groups identify people (here: the few who left) and mislead: show n, withhold the figures.
            return Results.Json(new CorrelationView(from, to, measureText, result.N, null, null, null, null, result.Learners, result.Leavers, method,
                $"suppressed: fewer than {minGroup} people (or leavers) in the window"), LedgerJson.Views);
        var undefined = double.IsNaN(result.R);
        return Results.Json(new CorrelationView(from, to, measureText, result.N, undefined ? null : result.R, result.CiLow, result.CiHigh, result.P,
            result.Learners, result.Leavers, method, undefined ? "no variation in learning or in leaving: the correlation is undefined" : null), LedgerJson.Views);
    }
}
