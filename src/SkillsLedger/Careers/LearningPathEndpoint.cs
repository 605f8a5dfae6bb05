using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Careers;

/// <summary>GET /api/people/{personId}/learning-path?asOf=&amp;minGroupSize= — the person's gaps by urgency, each with courses chosen by evidence (<see cref="LearningPathQuery"/>).</summary>
public static class LearningPathEndpoint
{
    public static readonly QuerySpec Query = new(QueryValues.AsOf, QueryValues.KnownAt, QueryValues.MinGroupSize);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadPersonFigures)]
    [EndpointSummary("This person's gaps on their role and on strategic targets in their scope, most urgent first, each with up to three courses ranked by observed level gain per learning hour (catalogue only where evidence is thin)")]
    [ProducesResponseType<LearningPathView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/people/{personId}/learning-path")]
    public static async Task<IResult> Get(string personId, string? asOf, string? knownAt, string? minGroupSize, ClaimsPrincipal user, LedgerDatabase db, FigureCache figures,
        TimeProvider clock, CancellationToken ct) =>
        await LearningPathQuery.ForPersonAsync(db, user.Organisation(), personId, QueryValues.AsOf.Read(asOf, clock.GetUtcNow()), QueryValues.MinGroupSize.Read(minGroupSize), ct,
            QueryValues.KnownAt.ReadOptional(knownAt), figures) is { } view
            ? SmallJson.View(view)
            : Problems.NotFound("personId", $"no person_hired for '{personId}' has been projected yet");
}
