using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Participation;

/// <summary>GET /api/analytics/participation?asOf=&amp;by=generation|department|role — who takes part in learning, year by year (<see cref="ParticipationQuery"/>).</summary>
public static class ParticipationEndpoint
{
    private static readonly QueryParameter By = QueryValues.Choice("by", "generation", ParticipationQuery.Groupings, "Group people by generation, department or role");

    public static readonly QuerySpec Query = new(QueryValues.AsOf, QueryValues.MinGroupSize, By);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [EndpointSummary("Participation in learning by generation, department or role: share of people with at least one completion, per year, with Wilson intervals")]
    [ProducesResponseType<ParticipationView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/analytics/participation")]
    public static async Task<IResult> Get(string? asOf, string? minGroupSize, string? by, ClaimsPrincipal user, LedgerDatabase db, FigureCache figures,
        TimeProvider clock, CancellationToken ct) =>
        Results.Json(await ParticipationQuery.AnalyseAsync(figures, db, user.Organisation(), QueryValues.AsOf.Read(asOf, clock.GetUtcNow()), By.ReadChoice(by),
            QueryValues.MinGroupSize.Read(minGroupSize), ct), LedgerJson.Views);
}
