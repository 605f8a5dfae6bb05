using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Retention;

/// <summary>GET /api/analytics/retention/newcomers?asOf=&amp;by=learner|program|department&amp;landmarkDays=&amp;minGroupSize= (<see cref="NewcomersQuery"/>).</summary>
public static class NewcomersEndpoint
{
    private static readonly QueryParameter By = QueryValues.Choice("by", "learner", NewcomersQuery.Groupings,
        "Group the cohort by (learner and program at the landmark)");
    // Below 12 months: the landmark must fall inside the year whose leaving is counted.
    private static readonly QueryParameter LandmarkDays = QueryValues.WholeNumber("landmarkDays", 90, 0, 364,
        "Days after hire at which learner and programme groups are fixed; people who left by then are in no group");

    public static readonly QuerySpec Query = new(QueryValues.AsOf, QueryValues.MinGroupSize, By, LandmarkDays);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [EndpointSummary("Share of newcomers who left within their first year, overall and by group, with Wilson intervals")]
    [ProducesResponseType<NewcomersView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/analytics/retention/newcomers")]
    public static async Task<IResult> Get(string? asOf, string? minGroupSize, string? by, string? landmarkDays, ClaimsPrincipal user, LedgerDatabase db,
        TimeProvider clock, CancellationToken ct)
    {
        var people = await EmployeeHistories.LoadAsync(db, user.Organisation(), ct);
        return Results.Json(NewcomersQuery.Analyse(people, QueryValues.AsOf.Read(asOf, clock.GetUtcNow()), By.ReadChoice(by),
            LandmarkDays.Read(landmarkDays), QueryValues.MinGroupSize.Read(minGroupSize)), LedgerJson.Views);
    }
}
