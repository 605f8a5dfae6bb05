using Npgsql;
using SkillsLedger.Analytics;
using SkillsLedger.Analytics.People;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Growth;

/// <param name="N">People in the group: the independent units of the interval.</param>
/// <param name="PersonSkills">Person-skill slopes behind them.</param>
/// <param name="Unit">Levels per year, or share of the scale per year when the group mixes scales.</param>
public sealed record GrowthGroup(string Group, int N, int PersonSkills, string Unit, double? MeanSlope, double? StdDev, double? CiLow, double? CiHigh, bool Suppressed)
{
    /// <summary>People in the group (the same as <see cref="N"/>; kept for readers of the first version).</summary>
    public int People => N;
}

/// <param name="Unit">The unit of groups on one scale; a group that mixes scales states its own (share of the scale per year).</param>
/// <param name="AsOf">The figures are the analytics tables' current ones (every event projected so far): as of the moment they were read.</param>
public sealed record GrowthView(string By, string Unit, string Method, int MinGroupSize, IReadOnlyList<GrowthGroup> Groups, DateTimeOffset AsOf);

/// <summary>
/// Mean growth velocity per group (the OLS slope of assessed level against time of each person-skill), with a 95 %
/// Student-t interval over people: each person's slopes in the group are averaged first (GroupGrowth). For `program`,
/// a person counts in every programme they completed a course of, and people who completed none form "none".
/// </summary>
public static class GrowthQuery
{
    /// <summary>The columns after the group: slope, person and the skill's scale.</summary>
    private const string Slope = "g.slope_per_year, g.person_id, s.scale_min::double precision, s.scale_max::double precision";
    private const string Scale = "join analytics.skill s on s.org_id = g.org_id and s.skill = g.skill";

    private static readonly Dictionary<string, string> GroupSql = new()
    {
        ["skill"] = $"select g.skill, {Slope} from analytics.skill_growth g {Scale} where g.org_id = $1",
        ["team"] = $"select coalesce(p.team, '(no team)'), {Slope} from analytics.skill_growth g {Scale} join analytics.person p on p.org_id = g.org_id and p.person_id = g.person_id where g.org_id = $1",
        // Regrouped by each person's generation after reading (their year of birth is encrypted personal data).
        ["generation"] = $"select g.person_id, {Slope} from analytics.skill_growth g {Scale} where g.org_id = $1",
        ["role"] = $"select p.role, {Slope} from analytics.skill_growth g {Scale} join analytics.person p on p.org_id = g.org_id and p.person_id = g.person_id where g.org_id = $1",
        ["program"] = $"""
            select coalesce(c.program_id, 'none'), {Slope}
              from analytics.skill_growth g {Scale}
              left join (select distinct org_id, person_id, program_id from analytics.course_completion where program_id is not null) c
                on c.org_id = g.org_id and c.person_id = g.person_id
             where g.org_id = $1
               and (c.program_id is not null
                    or not exists (select 1 from analytics.course_completion x where x.org_id = g.org_id and x.person_id = g.person_id))
            """,
    };

    public const string Unit = GroupGrowth.LevelUnit;

    public const string Method =
        "per person-skill OLS slope (≥ 2 included assessments ≥ 30 days apart); each person's slopes in the group averaged first " +
        "(as shares of the scale when the group mixes scales), then the mean over people with a 95 % Student-t interval (n = people; none when n < 2); " +
        "groups with fewer than minGroupSize people are suppressed (n shown)";

    /// <summary>The groupings <see cref="QueryAsync"/> knows: skill, team, generation, role, program.</summary>
    public static IReadOnlyCollection<string> Groupings => GroupSql.Keys;

    /// <summary>Mean growth per group of person-skills: the figures of GET /api/analytics/growth, the ROI report and the dashboard.</summary>
    /// <summary>
    /// Through the figure cache (once per ledger state): the team page shows one team's row of the by-team answer (its
    /// unit depends on every group), which at 100,000 people reads ~375,000 slopes.
    /// </summary>
    public static Task<IReadOnlyList<GrowthGroup>> QueryAsync(FigureCache figures, LedgerDatabase db, string org, string by, CancellationToken ct, int minGroup = 5) =>
        figures.GetAsync($"{org}|{by}|{minGroup}", c => QueryAsync(db, org, by, c, minGroup), ct);

    public static async Task<IReadOnlyList<GrowthGroup>> QueryAsync(LedgerDatabase db, string org, string by, CancellationToken ct, int minGroup = 5)
    {
        if (!GroupSql.TryGetValue(by, out var sql)) throw new ArgumentOutOfRangeException(nameof(by), by, "unknown growth grouping");
        var slopes = new Dictionary<string, List<PersonSkillSlope>>(StringComparer.Ordinal);
        var generations = by == "generation" ? await Generations.GenerationQuery.LoadAsync(db, org, ct) : null;
        await using (var conn = await db.DataSource.OpenConnectionAsync(ct))
        await using (var cmd = new NpgsqlCommand(sql, conn))
        {
            cmd.Parameters.AddWithValue(org);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var group = reader.IsDBNull(0) ? "(none)" : reader.GetString(0);
                if (generations is not null) group = generations.GetValueOrDefault(group) ?? Analytics.People.Generation.Unknown;
                if (!slopes.TryGetValue(group, out var list)) slopes[group] = list = [];
                list.Add(new PersonSkillSlope(reader.GetString(2), reader.GetDouble(1), reader.GetDouble(3), reader.GetDouble(4)));
            }
        }
        // One unit for every group of the answer, so groups can be compared: shares of the scale as soon as any group mixes scales.
        var shares = GroupGrowth.MixesScales(slopes.Values.SelectMany(v => v));
        return slopes.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
        {
            var growth = GroupGrowth.Estimate(kv.Value, shares);
            // Small groups identify people and mislead: show n, withhold the figures.
            if (growth.People < minGroup) return new GrowthGroup(kv.Key, growth.People, growth.PersonSkills, growth.Unit, null, null, null, null, true);
            var m = growth.Estimate;
            return new GrowthGroup(kv.Key, growth.People, growth.PersonSkills, growth.Unit, m.Mean, m.N >= 2 ? m.StdDev : null, m.CiLow, m.CiHigh, false);
        }).ToList();
    }
}
