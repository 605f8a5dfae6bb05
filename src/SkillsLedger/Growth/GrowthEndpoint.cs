using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Growth;

/// <summary>GET /api/analytics/growth?by=skill|team|role|program&amp;minGroupSize= (<see cref="GrowthQuery"/>).</summary>
public static class GrowthEndpoint
{
    private static readonly QueryParameter By = QueryValues.Choice("by", "skill", GrowthQuery.Groupings, "Group person-skills by");

    public static readonly QuerySpec Query = new(By, QueryValues.MinGroupSize);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [EndpointSummary("Mean skill growth (levels per year) per group, with its 95 % interval and n")]
    [ProducesResponseType<GrowthView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/analytics/growth")]
    public static async Task<IResult> Get(string? by, string? minGroupSize, ClaimsPrincipal user, LedgerDatabase db, FigureCache figures, TimeProvider clock,
        CancellationToken ct)
    {
        var asOf = clock.GetUtcNow();
        var (grouping, minGroup) = (By.ReadChoice(by), QueryValues.MinGroupSize.Read(minGroupSize));
        var groups = await GrowthQuery.QueryAsync(figures, db, user.Organisation(), grouping, ct, minGroup);
        return Results.Json(new GrowthView(grouping, GrowthQuery.Unit, GrowthQuery.Method, minGroup, groups, asOf), LedgerJson.Views);
    }
}
