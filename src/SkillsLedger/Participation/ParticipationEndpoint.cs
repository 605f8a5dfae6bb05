using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SkillsLedger.Access;
using SkillsLedger.Analytics.People;
using SkillsLedger.Infrastructure;
using SkillsLedger.Retention;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Participation;

public sealed record ParticipationView(DateTimeOffset AsOf, string By, int MinGroupSize, string Method, IReadOnlyList<ParticipationYear> Years);

/// <summary>GET /api/analytics/participation?asOf=&amp;by=generation|department|role — who takes part in learning, year by year (<see cref="Analytics.People.Participation"/>).</summary>
public static class ParticipationEndpoint
{
    public static readonly string[] Groupings = ["generation", "department", "role"];

    private static readonly QueryParameter By = QueryValues.Choice("by", "generation", Groupings, "Group people by generation, department or role");

    public static readonly QuerySpec Query = new(QueryValues.AsOf, QueryValues.MinGroupSize, By);

    public const string Method =
        "for each of the 3 years before asOf, (asOf − k − 1 years, asOf − k years]: people employed at some time in the year (hired by its end, " +
        "not left before its start); share with at least one course completion in it, Wilson 95 % interval; generation from the latest stated " +
        "year of birth (baby boomers ≤ 1964, gen x 1965–1980, millennials 1981–1996, gen z ≥ 1997, else unknown; erased people are unknown); " +
        "department and role as held now (analytics.person); groups with fewer than minGroupSize people in a year show n only";

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [EndpointSummary("Participation in learning by generation, department or role: share of people with at least one completion, per year, with Wilson intervals")]
    [ProducesResponseType<ParticipationView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/analytics/participation")]
    public static async Task<IResult> Get(string? asOf, string? minGroupSize, string? by, ClaimsPrincipal user, LedgerDatabase db, FigureCache figures,
        TimeProvider clock, CancellationToken ct) =>
        Results.Json(await AnalyseAsync(figures, db, user.Organisation(), QueryValues.AsOf.Read(asOf, clock.GetUtcNow()), By.ReadChoice(by),
            QueryValues.MinGroupSize.Read(minGroupSize), ct), LedgerJson.Views);

    /// <summary>The figures of this route and the dashboard's programmes page.</summary>
    public static async Task<ParticipationView> AnalyseAsync(FigureCache figures, LedgerDatabase db, string org, DateTimeOffset at, string grouping, int min,
        CancellationToken ct)
    {
        var people = await RetentionQuery.PeopleAsync(figures, db, org, grouping, ct);
        Func<EmployeeHistory, string> groupOf = grouping switch
        {
            "department" => p => p.Department ?? "(none)",
            "role" => p => p.Role ?? "(none)",
            _ => p => p.Generation ?? Generation.Unknown,
        };
        return new ParticipationView(at, grouping, min, Method, Analytics.People.Participation.Compute(people, at, groupOf, min));
    }
}
