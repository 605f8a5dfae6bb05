using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Gaps;

/// <summary>GET /api/teams/{team}/gaps and /api/people/{personId}/gaps: skill gaps against role profiles (<see cref="GapQuery"/>).</summary>
public static class GapEndpoints
{
    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [EndpointSummary("Gaps of a team's current members against their roles' target levels, per person and per skill")]
    [ProducesResponseType<GapsView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/teams/{team}/gaps")]
    public static async Task<IResult> ForTeam(string team, ClaimsPrincipal user, LedgerDatabase db, TimeProvider clock, CancellationToken ct) =>
        await GapQuery.ForTeamAsync(db, user.Organisation(), team, ct) is { } rows
            ? Results.Json(new GapsView(team, null, rows, GapQuery.Summarise(rows), GapQuery.Source, clock.GetUtcNow()), LedgerJson.Views)
            : Problems.NotFound("team", $"no person has ever been in team '{team}'");

    [Authorize(Policy = LedgerPolicies.ReadPersonFigures)]
    [EndpointSummary("One person's gaps against their role's target levels")]
    [ProducesResponseType<GapsView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/people/{personId}/gaps")]
    public static async Task<IResult> ForPerson(string personId, ClaimsPrincipal user, LedgerDatabase db, TimeProvider clock, CancellationToken ct) =>
        await GapQuery.ForPersonAsync(db, user.Organisation(), personId, ct) is { } rows
            ? Results.Json(new GapsView(null, personId, rows, GapQuery.Summarise(rows), GapQuery.Source, clock.GetUtcNow()), LedgerJson.Views)
            : Problems.NotFound("personId", $"no person_hired for '{personId}' has been projected yet");
}
