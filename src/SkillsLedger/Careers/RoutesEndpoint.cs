using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Careers;

/// <summary>GET /api/people/{personId}/routes?asOf=&amp;top= — next roles with the route to each (<see cref="RoutesQuery"/>).</summary>
public static class RoutesEndpoint
{
    private static readonly QueryParameter Top = QueryValues.WholeNumber("top", 3, 1, 50, "How many next roles to return, best score first");

    public static readonly QuerySpec Query = new(QueryValues.AsOf, QueryValues.KnownAt, Top);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadPersonFigures)]
    [EndpointSummary("Next roles for this person ranked by fit, observed moves from their role and strategic demand, each with ordered steps, courses and the time and learning hours others took")]
    [ProducesResponseType<CareerRoutesView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/people/{personId}/routes")]
    public static async Task<IResult> Get(string personId, string? asOf, string? knownAt, string? top, ClaimsPrincipal user, LedgerDatabase db, FigureCache figures, TimeProvider clock,
        CancellationToken ct) =>
        await RoutesQuery.ForPersonAsync(db, user.Organisation(), personId, QueryValues.AsOf.Read(asOf, clock.GetUtcNow()), Top.Read(top), ct, QueryValues.KnownAt.ReadOptional(knownAt), figures) is { } view
            ? SmallJson.View(view)
            : Problems.NotFound("personId", $"no person_hired for '{personId}' has been projected yet");
}
