using Npgsql;
using SkillsLedger.Analytics;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Growth;

public sealed record GrowthGroup(string Group, int N, int People, double? MeanSlope, double? StdDev, double? CiLow, double? CiHigh, bool Suppressed);

/// <param name="AsOf">The figures are the analytics tables' current ones (every event projected so far): as of the moment they were read.</param>
public sealed record GrowthView(string By, string Unit, string Method, int MinGroupSize, IReadOnlyList<GrowthGroup> Groups, DateTimeOffset AsOf);

/// <summary>
/// Mean growth velocity (OLS slope of assessed level
/// against time, levels per year) per group of person-skills, with a 95 % t interval. For `program`, a person's
/// person-skills count in every programme they completed a course of, and people who completed none form "none".
/// </summary>
public static class GrowthQuery
{
    private static readonly Dictionary<string, string> GroupSql = new()
    {
        ["skill"] = "select g.skill, g.slope_per_year, g.person_id from analytics.skill_growth g where g.org_id = $1",
        ["team"] = "select coalesce(p.team, '(no team)'), g.slope_per_year, g.person_id from analytics.skill_growth g join analytics.person p on p.org_id = g.org_id and p.person_id = g.person_id where g.org_id = $1",
        ["role"] = "select p.role, g.slope_per_year, g.person_id from analytics.skill_growth g join analytics.person p on p.org_id = g.org_id and p.person_id = g.person_id where g.org_id = $1",
        ["program"] = """
            select coalesce(c.program_id, 'none'), g.slope_per_year, g.person_id
              from analytics.skill_growth g
              left join (select distinct org_id, person_id, program_id from analytics.course_completion where program_id is not null) c
                on c.org_id = g.org_id and c.person_id = g.person_id
             where g.org_id = $1
               and (c.program_id is not null
                    or not exists (select 1 from analytics.course_completion x where x.org_id = g.org_id and x.person_id = g.person_id))
            """,
    };

    public const string Unit = "levels per year";

    public const string Method =
        "per person-skill OLS slope (≥ 2 included assessments ≥ 30 days apart); group mean with 95 % Student-t interval (none when n < 2); " +
        "groups with fewer than minGroupSize people are suppressed (n shown)";

    /// <summary>The groupings <see cref="QueryAsync"/> knows: skill, team, role, program.</summary>
    public static IReadOnlyCollection<string> Groupings => GroupSql.Keys;

    /// <summary>Mean growth per group of person-skills: the figures of GET /api/analytics/growth, the ROI report and the dashboard.</summary>
    public static async Task<IReadOnlyList<GrowthGroup>> QueryAsync(LedgerDatabase db, string org, string by, CancellationToken ct, int minGroup = 5)
    {
        if (!GroupSql.TryGetValue(by, out var sql)) throw new ArgumentOutOfRangeException(nameof(by), by, "unknown growth grouping");
        var slopes = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var people = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        await using (var conn = await db.DataSource.OpenConnectionAsync(ct))
        await using (var cmd = new NpgsqlCommand(sql, conn))
        {
            cmd.Parameters.AddWithValue(org);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var group = reader.IsDBNull(0) ? "(none)" : reader.GetString(0);
                if (!slopes.TryGetValue(group, out var list)) { slopes[group] = list = []; people[group] = new(StringComparer.Ordinal); }
                list.Add(reader.GetDouble(1));
                people[group].Add(reader.GetString(2));
            }
        }
        return slopes.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
        {
            var persons = people[kv.Key].Count;
            // Small groups identify people and mislead: show n, withhold the figures.
            if (persons < minGroup) return new GrowthGroup(kv.Key, kv.Value.Count, persons, null, null, null, null, true);
            var m = Summary.MeanConfidenceInterval(kv.Value);
            return new GrowthGroup(kv.Key, m.N, persons, m.Mean, m.N >= 2 ? m.StdDev : null, m.CiLow, m.CiHigh, false);
        }).ToList();
    }
}
