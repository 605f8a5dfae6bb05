using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using SkillsLedger.Analytics.Roi;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Roi;

/// <summary>GET /api/analytics/roi and /api/analytics/roi/{programId} — Phillips ROI per programme, two scenarios.</summary>
public static class RoiEndpoints
{
    public static readonly QuerySpec Query = new(QueryValues.AsOf, QueryValues.MinGroupSize);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [EndpointSummary("ROI of every programme (Phillips), expected and conservative, with the assumptions used")]
    [ProducesResponseType<RoiView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/analytics/roi")]
    public static async Task<IResult> GetAll(string? asOf, string? minGroupSize, ClaimsPrincipal user, LedgerDatabase db, RoiDataCache cache,
        FigureCache figures, TimeProvider clock, CancellationToken ct)
    {
        var (at, minGroup) = (QueryValues.AsOf.Read(asOf, clock.GetUtcNow()), QueryValues.MinGroupSize.Read(minGroupSize));
        var data = await RoiData.LoadAsync(figures, db, user.Organisation(), cache, ct);
        var (results, failures) = data.ComputeAll(data.Programmes, at, minGroup, ct);
        return Results.Json(new RoiView(at, RoiMethod.Text, results, failures), LedgerJson.Views);
    }

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [EndpointSummary("ROI of one programme (Phillips), expected and conservative")]
    [ProducesResponseType<RoiView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/analytics/roi/{programId}")]
    public static async Task<IResult> GetOne(string programId, string? asOf, string? minGroupSize, ClaimsPrincipal user, LedgerDatabase db,
        RoiDataCache cache, FigureCache figures, TimeProvider clock, CancellationToken ct)
    {
        var (at, minGroup) = (QueryValues.AsOf.Read(asOf, clock.GetUtcNow()), QueryValues.MinGroupSize.Read(minGroupSize));
        var data = await RoiData.LoadAsync(figures, db, user.Organisation(), cache, ct);
        if (!data.Programmes.Contains(programId)) return Problems.NotFound("programId", $"no courses or costs recorded for programme '{programId}'");
        try
        {
            return Results.Json(new RoiView(at, RoiMethod.Text, [RoiCalculator.Compute(data.For(programId, at, minGroup))], []), LedgerJson.Views);
        }
        catch (RoiInputException ex)
        {
            return Problems.Unprocessable(ex.Field, ex.Message);
        }
    }
}
