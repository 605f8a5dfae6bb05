using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Retention;

/// <summary>
/// GET /api/analytics/retention?landmarkDays=90&amp;horizonMonths=12&amp;by=learner|program|department&amp;adjust=department&amp;asOf=
/// (<see cref="RetentionQuery"/>).
/// </summary>
public static class RetentionEndpoint
{
    private static readonly QueryParameter LandmarkDays = QueryValues.WholeNumber("landmarkDays", 90, 0, 3650,
        "Days after hire at which people are grouped by what they completed and from which they are followed");
    private static readonly QueryParameter HorizonMonths = QueryValues.WholeNumber("horizonMonths", 12, 1, 120, "Months after the landmark the figures are read at");
    private static readonly QueryParameter By = QueryValues.Choice("by", "learner", RetentionQuery.Groupings, "Group people by");
    private static readonly QueryParameter Adjust = QueryValues.Choice("adjust", null, ["department"],
        "Adjust the hazard ratio for department (stratified Cox); left out: unadjusted", "must be department or left out");

    public static readonly QuerySpec Query = new(QueryValues.AsOf, LandmarkDays, HorizonMonths, QueryValues.MinGroupSize, By, Adjust);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [EndpointSummary("Landmark retention analysis: Kaplan–Meier by group, log-rank test, Cox hazard ratio for learners")]
    [ProducesResponseType<RetentionView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/analytics/retention")]
    public static async Task<IResult> Get(string? asOf, string? landmarkDays, string? horizonMonths, string? minGroupSize, string? by, string? adjust,
        ClaimsPrincipal user, LedgerDatabase db, FigureCache figures, TimeProvider clock, CancellationToken ct)
    {
        var grouping = By.ReadChoice(by);
        var people = await RetentionQuery.PeopleAsync(figures, db, user.Organisation(), grouping, ct);
        return Results.Json(RetentionQuery.Analyse(people, QueryValues.AsOf.Read(asOf, clock.GetUtcNow()), LandmarkDays.Read(landmarkDays),
            HorizonMonths.Read(horizonMonths), grouping, QueryValues.MinGroupSize.Read(minGroupSize), adjust == "department"), LedgerJson.Views);
    }
}
