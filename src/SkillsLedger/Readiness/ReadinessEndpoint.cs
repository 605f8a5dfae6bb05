using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Readiness;

/// <summary>GET /api/analytics/readiness?asOf=&amp;by=department|role|team|category&amp;minGroupSize= (<see cref="ReadinessQuery"/>).</summary>
public static class ReadinessEndpoint
{
    private static readonly QueryParameter By = QueryValues.Choice("by", null, ReadinessQuery.Groupings,
        "Also split readiness by the person's department, role or team at asOf, or by skill category (when left out: the organisation and each skill only)");

    public static readonly QuerySpec Query = new(QueryValues.AsOf, QueryValues.MinGroupSize, By);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [EndpointSummary("Share of people who meet their role profile on every required skill, per skill, by group and month by month (24 months), with Wilson intervals")]
    [ProducesResponseType<ReadinessView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/analytics/readiness")]
    public static async Task<IResult> Get(string? asOf, string? minGroupSize, string? by, ClaimsPrincipal user, LedgerDatabase db,
        FigureCache cache, TimeProvider clock, CancellationToken ct) =>
        Results.Json(await ReadinessQuery.AnalyseAsync(cache, db, user.Organisation(), QueryValues.AsOf.Read(asOf, clock.GetUtcNow()),
            string.IsNullOrEmpty(by) ? null : by, QueryValues.MinGroupSize.Read(minGroupSize), ct), LedgerJson.Views);
}
