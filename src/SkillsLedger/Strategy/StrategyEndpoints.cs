using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Strategy;

/// <summary>GET /api/strategy/goals and /api/strategy/goals/{goalId}?asOf=&amp;knownAt= (<see cref="StrategyQuery"/>).</summary>
public static class StrategyEndpoints
{
    public static readonly QuerySpec Query = new(QueryValues.AsOf, QueryValues.KnownAt);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [EndpointSummary("Strategic goals as they stood at asOf: per target supply, gap, monthly trend and the forecast at the due date with 80 %/95 % intervals and status; learning linked to each goal")]
    [ProducesResponseType<GoalsView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/strategy/goals")]
    public static async Task<IResult> GetAll(string? asOf, string? knownAt, ClaimsPrincipal user, LedgerDatabase db, FigureCache cache, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var view = await StrategyQuery.AllAsync(cache, db, user.Organisation(), QueryValues.AsOf.Read(asOf, now), QueryValues.KnownAt.Read(knownAt, now), ct);
        return Results.Json(view, LedgerJson.Views);
    }

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [EndpointSummary("One strategic goal as it stood at asOf: supply, gap, trend, forecast, status and linked learning")]
    [ProducesResponseType<GoalDetailView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/strategy/goals/{goalId}")]
    public static async Task<IResult> GetOne(string goalId, string? asOf, string? knownAt, ClaimsPrincipal user, LedgerDatabase db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await StrategyQuery.OneAsync(db, user.Organisation(), goalId, QueryValues.AsOf.Read(asOf, now), QueryValues.KnownAt.Read(knownAt, now), ct) is { } view
            ? Results.Json(view, LedgerJson.Views)
            : Problems.NotFound("goalId", $"no strategic_goal_set for '{goalId}' had been recorded by asOf/knownAt");
    }
}
