using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Careers;

/// <summary>GET /api/people/{personId}/fit?asOf= — every role profile ranked by the person's fit (<see cref="FitQuery"/>).</summary>
public static class FitEndpoint
{
    public static readonly QuerySpec Query = new(QueryValues.AsOf, QueryValues.KnownAt);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadPersonFigures)]
    [EndpointSummary("Every role profile ranked by this person's fit (Σ min(level, required) / Σ required, 0–1 of each scale) at asOf, with the skills still to reach and their gaps")]
    [ProducesResponseType<PersonFitView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/people/{personId}/fit")]
    public static async Task<IResult> Get(string personId, string? asOf, string? knownAt, ClaimsPrincipal user, LedgerDatabase db, TimeProvider clock, CancellationToken ct) =>
        await FitQuery.ForPersonAsync(db, user.Organisation(), personId, QueryValues.AsOf.Read(asOf, clock.GetUtcNow()), ct, QueryValues.KnownAt.ReadOptional(knownAt)) is { } view
            ? SmallJson.View(view)
            : Problems.NotFound("personId", $"no person_hired for '{personId}' has been projected yet");
}
