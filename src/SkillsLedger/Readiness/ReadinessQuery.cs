using SkillsLedger.Analytics;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Readiness;

/// <summary>A share of people with its Wilson 95 % interval; null share and interval when suppressed (n below minGroupSize).</summary>
public sealed record ReadinessShare(string Group, int People, int? Ready, double? Share, double? CiLow, double? CiHigh, bool Suppressed);

/// <summary>Per required skill: of the people whose role profile requires it, how many are at or above the required level.</summary>
public sealed record SkillReadiness(string Skill, string? Category, int People, int? Meeting, double? Share, double? CiLow, double? CiHigh, bool Suppressed);

/// <summary>The organisation's readiness at the end of one month (the last point is asOf itself).</summary>
public sealed record ReadinessPoint(DateTimeOffset At, int People, int Ready, double Share, double CiLow, double CiHigh);

/// <param name="Overall">"x % meet their role profile": people employed at asOf whose role has a profile.</param>
/// <param name="WithoutProfile">Employed people whose role has no profile: in no denominator.</param>
public sealed record ReadinessView(DateTimeOffset AsOf, string? By, string Rule, string Method, int MinGroupSize, ReadinessShare Overall,
    int WithoutProfile, IReadOnlyList<ReadinessShare> Groups, IReadOnlyList<SkillReadiness> Skills, IReadOnlyList<ReadinessPoint> Trend, string Source);

/// <summary>
/// Readiness: the share of people who meet their current role profile on every required skill (issue 15, docs/methods.md
/// "Readiness"). One home for the figure the API, the report and the dashboard show.
/// </summary>
public static class ReadinessQuery
{
    public static readonly string[] Groupings = ["department", "role", "team", "category"];
    public const string Method = "share of people employed at asOf, whose role has a profile, at or above the required level on every " +
                                 "required skill (levels compared at 9 decimals; never assessed = not met); Wilson 95 % interval";
    public const string Source = "analytics.person_assignment, analytics.role_requirement, analytics.skill_assessment (rule weighted-recency v1 as of each date)";
    public const int TrendMonths = 24;

    /// <summary>One required skill of one employed person at one instant.</summary>
    public sealed record Requirement(string PersonId, string? Department, string? Role, string? Team, string Skill, string? Category, bool Meets);

    /// <summary>The analysis, computed once per ledger state (<see cref="FigureCache"/>): what the API and the dashboard call.</summary>
    public static Task<ReadinessView> AnalyseAsync(FigureCache cache, LedgerDatabase db, string org, DateTimeOffset asOf, string? by, int minGroupSize,
        CancellationToken ct) =>
        cache.GetAsync($"readiness|{org}|{asOf.UtcTicks}|{by}|{minGroupSize}", c => AnalyseAsync(db, org, asOf, by, minGroupSize, c), ct);

    public static async Task<ReadinessView> AnalyseAsync(LedgerDatabase db, string org, DateTimeOffset asOf, string? by, int minGroupSize, CancellationToken ct)
    {
        var data = await ReadinessData.LoadAsync(db, org, ct);
        var now = data.At(asOf);
        var trend = new List<ReadinessPoint>();
        foreach (var at in TrendInstants(asOf))
        {
            var rows = at == asOf ? now.Rows : data.At(at).Rows;
            var (people, ready) = Count(rows);
            var ci = Proportion.WilsonInterval(ready, Math.Max(people, 1));
            if (people > 0) trend.Add(new ReadinessPoint(at, people, ready, (double)ready / people, ci.Low, ci.High));
        }
        return Summarise(now.Rows, now.WithoutProfile, asOf, by, minGroupSize, trend);
    }

    /// <summary>The ends of the <see cref="TrendMonths"/> − 1 months before asOf's month, then asOf itself.</summary>
    public static IReadOnlyList<DateTimeOffset> TrendInstants(DateTimeOffset asOf)
    {
        var firstOfMonth = new DateOnly(asOf.UtcDateTime.Year, asOf.UtcDateTime.Month, 1);
        return Enumerable.Range(1, TrendMonths - 1).Reverse()
            .Select(k => Domain.Time.AsOf.EndOfDay(firstOfMonth.AddMonths(-k + 1).AddDays(-1)))
            .Append(asOf).ToList();
    }

    /// <summary>Pure: the figures from the requirement rows (tests check it against hand counts).</summary>
    public static ReadinessView Summarise(IReadOnlyList<Requirement> rows, int withoutProfile, DateTimeOffset asOf, string? by, int minGroupSize,
        IReadOnlyList<ReadinessPoint> trend)
    {
        var (people, ready) = Count(rows);
        var overall = Share("organisation", people, ready, 1);
        var groups = by switch
        {
            null => [],
            // A person is in a category's group when their profile requires at least one skill of it, and ready for
            // it when they meet every required skill of that category.
            "category" => rows.GroupBy(r => r.Category ?? "uncategorised")
                .Select(g => Share(g.Key, Count(g.ToList()).People, Count(g.ToList()).Ready, minGroupSize)).OrderBy(s => s.Group, StringComparer.Ordinal).ToList(),
            _ => rows.GroupBy(r => GroupOf(r, by) ?? "(none)")
                .Select(g => Share(g.Key, Count(g.ToList()).People, Count(g.ToList()).Ready, minGroupSize)).OrderBy(s => s.Group, StringComparer.Ordinal).ToList(),
        };
        var skills = rows.GroupBy(r => r.Skill).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var s = Share(g.Key, g.Count(), g.Count(r => r.Meets), minGroupSize);
            return new SkillReadiness(g.Key, g.First().Category, s.People, s.Ready, s.Share, s.CiLow, s.CiHigh, s.Suppressed);
        }).ToList();
        return new ReadinessView(asOf, by, "weighted-recency v1", Method, minGroupSize, overall, withoutProfile, groups, skills, trend, Source);
    }

    private static string? GroupOf(Requirement r, string by) => by switch
    {
        "department" => r.Department,
        "role" => r.Role,
        "team" => r.Team,
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, null),
    };

    /// <summary>People among the rows, and how many of them meet every one of their rows.</summary>
    private static (int People, int Ready) Count(IReadOnlyList<Requirement> rows)
    {
        var byPerson = rows.GroupBy(r => r.PersonId).ToList();
        return (byPerson.Count, byPerson.Count(p => p.All(r => r.Meets)));
    }

    private static ReadinessShare Share(string group, int people, int ready, int minGroupSize)
    {
        if (people < minGroupSize || people == 0) return new ReadinessShare(group, people, null, null, null, null, true);
        var ci = Proportion.WilsonInterval(ready, people);
        return new ReadinessShare(group, people, ready, (double)ready / people, ci.Low, ci.High, false);
    }

}
