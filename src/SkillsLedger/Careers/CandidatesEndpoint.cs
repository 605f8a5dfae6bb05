using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Careers;

/// <summary>GET /api/roles/{role}/candidates?asOf=&amp;top= — employed people ranked for a role (<see cref="CandidatesQuery"/>).</summary>
public static class CandidatesEndpoint
{
    public static readonly QuerySpec Query = new(QueryValues.AsOf, QueryValues.KnownAt, QueryValues.TopPeople);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadCandidates)]
    [EndpointSummary("Employed people not yet in this role, ranked by fit for its profile and by the estimated months to ready (analyst, admin)")]
    [ProducesResponseType<CandidatesView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/roles/{role}/candidates")]
    public static async Task<IResult> Get(string role, string? asOf, string? knownAt, string? top, ClaimsPrincipal user, LedgerDatabase db, TimeProvider clock, CancellationToken ct) =>
        await CandidatesQuery.ForRoleAsync(db, user.Organisation(), role, QueryValues.AsOf.Read(asOf, clock.GetUtcNow()), QueryValues.TopPeople.Read(top), ct, QueryValues.KnownAt.ReadOptional(knownAt)) is { } view
            ? Results.Json(view, LedgerJson.Views)
            : Problems.NotFound("role", $"role '{role}' has no profile (role_profile_defined)");
}
