using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
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
    private static readonly QueryParameter From = QueryValues.Instant("from", "Start of the window", "365 days before to");
    private static readonly QueryParameter To = QueryValues.Instant("to", "End of the window");
    private static readonly QueryParameter Measure = QueryValues.Choice("measure", "courses", ["courses", "hours"], "Learning measured as", "must be courses or hours");

    public static readonly QuerySpec Query = new(From, To, QueryValues.MinGroupSize, Measure);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [EndpointSummary("Correlation between learning and leaving within a window (association, not effect)")]
    [ProducesResponseType<CorrelationView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/analytics/retention/correlation")]
    public static async Task<IResult> Get(string? from, string? to, string? minGroupSize, string? measure, ClaimsPrincipal user, LedgerDatabase db,
        TimeProvider clock, CancellationToken ct)
    {
        var minGroup = QueryValues.MinGroupSize.Read(minGroupSize);
        var measureText = Measure.ReadChoice(measure);
        var end = To.Read(to, clock.GetUtcNow());
        var start = From.ReadOptional(from) ?? end.AddDays(-365);
        if (start >= end) return Problems.BadParameter("from", "must be before to");

        var people = await EmployeeHistories.LoadAsync(db, user.Organisation(), ct);
        var learning = measureText == "hours" ? LearningMeasure.Hours : LearningMeasure.Courses;
        var result = LearningRetentionCorrelation.Compute(people, start, end, learning);
        const string method = "point-biserial correlation (Pearson r with leaving = 1) among people employed at any time in [from, to]; " +
                              "95 % interval by Fisher's z; p from the t test with n − 2 df. Association, not effect.";
        if (result is null)
            return Results.Json(new CorrelationView(start, end, measureText, 0, null, null, null, null, 0, 0, method, "fewer than 3 people in the window"), LedgerJson.Views);
        if (result.N < minGroup || result.Leavers < minGroup && result.Leavers > 0)
            // Small groups identify people (here: the few who left) and mislead: show n, withhold the figures.
            return Results.Json(new CorrelationView(start, end, measureText, result.N, null, null, null, null, result.Learners, result.Leavers, method,
                $"suppressed: fewer than {minGroup} people (or leavers) in the window"), LedgerJson.Views);
        var undefined = double.IsNaN(result.R);
        return Results.Json(new CorrelationView(start, end, measureText, result.N, undefined ? null : result.R, result.CiLow, result.CiHigh, result.P,
            result.Learners, result.Leavers, method, undefined ? "no variation in learning or in leaving: the correlation is undefined" : null), LedgerJson.Views);
    }
}
