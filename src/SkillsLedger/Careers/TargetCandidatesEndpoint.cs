using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SkillsLedger.Access;
using SkillsLedger.Domain.Validation;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Careers;

/// <summary>
/// GET /api/strategy/goals/{goalId}/targets/{n}/candidates?asOf=&amp;knownAt=&amp;top= — people who could fill one
/// strategic target (<see cref="CandidatesQuery.ForTargetAsync"/>); n is the target's 0-based position in the goal.
/// </summary>
public static class TargetCandidatesEndpoint
{
    public static readonly QuerySpec Query = new(QueryValues.AsOf, QueryValues.KnownAt, QueryValues.TopPeople);

    public static ProblemDetails Validate(HttpRequest request)
    {
        var n = request.RouteValues["n"]?.ToString();
        if (!int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            return Problems.InvalidParameters([new FieldError(null, "n", "must be a whole number ≥ 0: the target's position in the goal (0 = first)")]);
        return Query.Check(request.Query);
    }

    [Authorize(Policy = LedgerPolicies.ReadCandidates)]
    [EndpointSummary("People who could fill one strategic target (n = its 0-based position in the goal): employed, not already counted in its supply, ranked by fit for its skill and level and by estimated months to ready (analyst, admin)")]
    [ProducesResponseType<TargetCandidatesView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/strategy/goals/{goalId}/targets/{n}/candidates")]
    public static async Task<IResult> Get(string goalId, string n, string? asOf, string? knownAt, string? top, ClaimsPrincipal user, LedgerDatabase db, TimeProvider clock,
        CancellationToken ct) =>
        await CandidatesQuery.ForTargetAsync(db, user.Organisation(), goalId, int.Parse(n, CultureInfo.InvariantCulture), QueryValues.AsOf.Read(asOf, clock.GetUtcNow()),
                QueryValues.TopPeople.Read(top), ct, QueryValues.KnownAt.ReadOptional(knownAt)) is { } view
            ? Results.Json(view, LedgerJson.Views)
            : Problems.NotFound("goalId", $"goal '{goalId}' has no target {n} in force at asOf/knownAt");
}
