using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Careers;

/// <summary>GET /api/careers/moves?asOf=&amp;minGroupSize= — observed role-to-role transitions (<see cref="MovesQuery"/>).</summary>
public static class MovesEndpoint
{
    public static readonly QuerySpec Query = new(QueryValues.AsOf, QueryValues.MinGroupSize);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [EndpointSummary("Role-to-role moves that happened (person_moved) up to asOf: counts, median months in the previous role and median fit for the destination at the move, with quartiles; small transitions suppressed")]
    [ProducesResponseType<CareerMovesView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/careers/moves")]
    public static async Task<IResult> Get(string? asOf, string? minGroupSize, ClaimsPrincipal user, LedgerDatabase db, TimeProvider clock, CancellationToken ct) =>
        Results.Json(await MovesQuery.AnalyseAsync(db, user.Organisation(), QueryValues.AsOf.Read(asOf, clock.GetUtcNow()),
            QueryValues.MinGroupSize.Read(minGroupSize), ct), LedgerJson.Views);
}
