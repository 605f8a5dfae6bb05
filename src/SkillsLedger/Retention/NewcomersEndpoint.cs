using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using SkillsLedger.Analytics.People;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Retention;

public sealed record NewcomerGroupView(string Group, int N, int? LeftWithinYear, double? Share, double? CiLow, double? CiHigh, bool Suppressed);

public sealed record NewcomersView(DateTimeOffset AsOf, string By, string Method, int MinGroupSize, NewcomerGroupView Overall, IReadOnlyList<NewcomerGroupView> Groups);

/// <summary>GET /api/analytics/retention/newcomers?asOf=&amp;by=learner|department|program&amp;minGroupSize=</summary>
public static class NewcomersEndpoint
{
    private static readonly QueryParameter By = QueryValues.Choice("by", "learner", ["learner", "department", "program"], "Group the cohort by");

    public static readonly QuerySpec Query = new(QueryValues.AsOf, QueryValues.MinGroupSize, By);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [EndpointSummary("Share of newcomers who left within their first year, overall and by group, with Wilson intervals")]
    [ProducesResponseType<NewcomersView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/analytics/retention/newcomers")]
    public static async Task<IResult> Get(string? asOf, string? minGroupSize, string? by, ClaimsPrincipal user, LedgerDatabase db, TimeProvider clock,
        CancellationToken ct)
    {
        var at = QueryValues.AsOf.Read(asOf, clock.GetUtcNow());
        var (grouping, minGroup) = (By.ReadChoice(by), QueryValues.MinGroupSize.Read(minGroupSize));
        var people = await EmployeeHistories.LoadAsync(db, user.Organisation(), ct);
        var cohort = people.Where(p => NewcomerRetention.IsNewcomerCohort(p, at)).ToList();
        var groups = cohort
            .SelectMany(p => GroupsOf(p, grouping).Select(g => (Group: g, Person: p)))
            .GroupBy(x => x.Group)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => View(g.Key, g.Select(x => x.Person).ToList(), at, minGroup))
            .ToList();
        return Results.Json(new NewcomersView(at, grouping,
            "share of people hired ≥ 12 months before asOf who left within 12 months of hire; Wilson 95 % interval; " +
            "learner = completed a course within 12 months of hire",
            minGroup, View("all", cohort, at, minGroup), groups), LedgerJson.Views);
    }

    private static IEnumerable<string> GroupsOf(EmployeeHistory p, string by)
    {
        var firstYear = p.Learning.Where(l => l.CompletedAt >= p.HiredAt && l.CompletedAt <= p.HiredAt.AddMonths(12)).ToList();
        return by switch
        {
            "department" => [p.Department ?? "(none)"],
            "program" => firstYear.Count == 0 ? ["none"] : firstYear.Select(l => l.ProgramId ?? "(no programme)").Distinct(),
            _ => [firstYear.Count > 0 ? "learner" : "none"],
        };
    }

    private static NewcomerGroupView View(string group, IReadOnlyList<EmployeeHistory> people, DateTimeOffset asOf, int minGroup)
    {
        // Small groups identify people and mislead: show n, withhold the figures.
        if (people.Count < minGroup) return new NewcomerGroupView(group, people.Count, null, null, null, null, true);
        var s = NewcomerRetention.Share(people, asOf)!;
        return new NewcomerGroupView(group, s.N, s.LeftWithinYear, s.Share, s.CiLow, s.CiHigh, false);
    }
}
