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
    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [WolverineGet("/api/analytics/retention/newcomers")]
    public static async Task<IResult> Get(HttpContext http, LedgerDatabase db, TimeProvider clock, CancellationToken ct)
    {
        var (asOfValue, p1) = QueryValues.Instant(http.Request, "asOf");
        var (minGroup, p2) = QueryValues.Int(http.Request, "minGroupSize", 5, 1, 1000);
        var by = http.Request.Query["by"].ToString() is { Length: > 0 } b ? b : "learner";
        if ((p1 ?? p2) is { } problem) return problem;
        if (by is not ("learner" or "department" or "program")) return Problems.BadRequest("by", "must be one of learner|department|program");
        var asOf = asOfValue ?? clock.GetUtcNow();

        var people = await EmployeeHistories.LoadAsync(db, RequestContext.Organisation(http), ct);
        var cohort = people.Where(p => NewcomerRetention.IsNewcomerCohort(p, asOf)).ToList();
        var groups = cohort
            .SelectMany(p => GroupsOf(p, by).Select(g => (Group: g, Person: p)))
            .GroupBy(x => x.Group)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => View(g.Key, g.Select(x => x.Person).ToList(), asOf, minGroup))
            .ToList();
        return Results.Json(new NewcomersView(asOf, by,
            "share of people hired ≥ 12 months before asOf who left within 12 months of hire; Wilson 95 % interval; " +
            "learner = completed a course within 12 months of hire",
            minGroup, View("all", cohort, asOf, minGroup), groups), LedgerJson.Views);
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
