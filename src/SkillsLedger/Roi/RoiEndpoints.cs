using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using SkillsLedger.Analytics.Roi;
using SkillsLedger.Infrastructure;
using SkillsLedger.Retention;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Roi;

public sealed record RoiView(DateTimeOffset AsOf, string Method, IReadOnlyList<RoiResult> Programmes, IReadOnlyList<RoiProblem> NotComputed);

public sealed record RoiProblem(string ProgramId, string Field, string Reason);

/// <summary>GET /api/analytics/roi and /api/analytics/roi/{programId} — Phillips ROI per programme, two scenarios.</summary>
public static class RoiEndpoints
{
    public const string Method =
        "Phillips ROI Methodology: costs = programme costs + learners' hours × loaded_hourly_cost; annual benefits = performance " +
        "(difference in differences × 12 × value per unit × learners) + retention (departures avoided within 12 months × learners × " +
        "replacement_cost_months × mean monthly salary). Expected = point estimates; conservative = each benefit at the lower bound of " +
        "its 95 % interval, floored at zero. ROI % = (benefits − costs) / costs × 100; BCR = benefits / costs; payback = costs / (benefits / 12) months.";

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [WolverineGet("/api/analytics/roi")]
    public static async Task<IResult> GetAll(HttpContext http, LedgerDatabase db, TimeProvider clock, CancellationToken ct)
    {
        var (asOf, minGroup, problem) = Query(http, clock);
        if (problem is not null) return problem;
        var data = await RoiData.LoadAsync(http, db, RequestContext.Organisation(http), ct);
        var (results, failures) = data.ComputeAll(data.Programmes, asOf, minGroup, ct);
        return Results.Json(new RoiView(asOf, Method, results, failures), LedgerJson.Views);
    }

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [WolverineGet("/api/analytics/roi/{programId}")]
    public static async Task<IResult> GetOne(string programId, HttpContext http, LedgerDatabase db, TimeProvider clock, CancellationToken ct)
    {
        var (asOf, minGroup, problem) = Query(http, clock);
        if (problem is not null) return problem;
        var data = await RoiData.LoadAsync(http, db, RequestContext.Organisation(http), ct);
        if (!data.Programmes.Contains(programId)) return Problems.NotFound("programId", $"no courses or costs recorded for programme '{programId}'");
        try
        {
            return Results.Json(new RoiView(asOf, Method, [RoiCalculator.Compute(data.For(programId, asOf, minGroup))], []), LedgerJson.Views);
        }
        catch (RoiInputException ex)
        {
            return Problems.Unprocessable(ex.Field, ex.Message);
        }
    }

    private static (DateTimeOffset AsOf, int MinGroupSize, IResult? Problem) Query(HttpContext http, TimeProvider clock)
    {
        var (value, problem) = QueryValues.Instant(http.Request, "asOf");
        var (min, p2) = QueryValues.Int(http.Request, "minGroupSize", 5, 1, 1000);
        return (value ?? clock.GetUtcNow(), min, problem ?? p2);
    }
}
