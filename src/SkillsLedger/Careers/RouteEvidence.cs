using SkillsLedger.Domain.SkillLevels;
using Npgsql;
using SkillsLedger.Analytics.Careers;
using SkillsLedger.Projections.Analytics;

namespace SkillsLedger.Careers;

/// <summary>A catalogue course that trains a skill (analytics.course, analytics.course_skill).</summary>
public sealed record CourseSuggestion(string CourseId, string Name, double Hours, double? TargetLevel, string Basis);

/// <summary>
/// How long people in this ledger took to make the same step: n, months and learning hours (median and quartiles);
/// null summaries when nobody has made it yet.
/// </summary>
public sealed record StepEstimate(double From, double To, int People, SampleSummary? Months, SampleSummary? LearningHours, string Note);

/// <summary>What a strategic target asks of a role: open headcount (headcount minus people in the role already at the level).</summary>
public sealed record RoleDemand(string GoalId, string Skill, double Level, int Headcount, int Met, int Open);

/// <summary>
/// The ledger evidence behind routes and learning paths (docs/methods.md "Career routes"): courses per skill,
/// strategic targets in force, and the observed time and learning hours from one level of a skill to another.
/// </summary>
public static class RouteEvidence
{
    /// <summary>Half-width of the "similar starting level" band, in levels of the skill's own scale.</summary>
    public const double StartBand = 0.5;

    /// <summary>Up to <paramref name="perSkill"/> courses per skill: those aiming at or above <paramref name="required"/> first, then shorter ones.</summary>
    public static async Task<Dictionary<string, List<CourseSuggestion>>> CoursesAsync(NpgsqlConnection conn, string org, IReadOnlyDictionary<string, double> required,
        int perSkill, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select cs.skill, c.course_id, c.name, c.hours::double precision, cs.target_level::double precision
              from analytics.course_skill cs join analytics.course c on c.org_id = cs.org_id and c.course_id = cs.course_id
             where cs.org_id = $1 and cs.skill = any($2)
             order by cs.skill, c.course_id
            """, conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(required.Keys.ToArray());
        var all = new List<(string Skill, CourseSuggestion Course)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                all.Add((r.GetString(0), new CourseSuggestion(r.GetString(1), r.GetString(2), r.GetDouble(3), r.IsDBNull(4) ? null : r.GetDouble(4),
                    "catalogue: trains the skill" + (r.IsDBNull(4) ? "" : $" up to level {r.GetDouble(4):0.##}"))));
        return all.GroupBy(x => x.Skill).ToDictionary(g => g.Key, g => g.Select(x => x.Course)
            .OrderBy(c => c.TargetLevel is { } t && t >= required[g.Key] ? 0 : 1).ThenBy(c => c.Hours).ThenBy(c => c.CourseId, StringComparer.Ordinal)
            .Take(perSkill).ToList());
    }

    /// <summary>
    /// CTE "g": each goal's latest revision set by asOf (parameter <paramref name="asOf"/>; org is $1) and recorded by
    /// <paramref name="knownAt"/> (an SQL expression; null: everything recorded), and the filter that drops goals
    /// retired by then. Shared by routes, learning paths and their evaluation.
    /// </summary>
    public static string GoalsInForce(string asOf, string? knownAt = null) =>
        $"with g as (select distinct on (goal_id) goal_id, event_id from analytics.strategic_goal where org_id = $1 and set_at <= {asOf}" +
        $"{(knownAt is null ? "" : $" and recorded_at <= {knownAt}")} order by goal_id, set_at desc, sequence desc)";

    public static string NotRetired(string asOf, string? knownAt = null) =>
        $"not exists (select 1 from analytics.strategic_goal_retirement x where x.org_id = $1 and x.goal_id = g.goal_id and x.retired_at <= {asOf} " +
        $"and {LevelsAt.RecordedBy("x.org_id", "x.event_id", knownAt)})";

    /// <summary>A target of a goal in force: skill, level and where it counts (organisation, department, role, team).</summary>
    public sealed record TargetInForce(string GoalId, string Skill, double Level, string ScopeKind, string? ScopeValue);

    /// <summary>Every target of the goals in force at (asOf, knownAt), by goal and skill.</summary>
    public static async Task<List<TargetInForce>> TargetsInForceAsync(NpgsqlConnection conn, string org, DateTimeOffset asOf, DateTimeOffset? knownAt, CancellationToken ct)
    {
        var known = knownAt is null ? null : "$3";
        await using var cmd = new NpgsqlCommand($"""
            {GoalsInForce("$2", known)}
            select t.goal_id, t.skill, t.level::double precision, t.scope_kind, t.scope_value
              from g join analytics.strategic_target t on t.org_id = $1 and t.event_id = g.event_id
             where {NotRetired("$2", known)}
             order by t.goal_id, t.skill, t.target_no
            """, conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(asOf);
        cmd.Parameters.Add(LearningPathQuery.Instant(knownAt));
        var rows = new List<TargetInForce>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) rows.Add(new TargetInForce(r.GetString(0), r.GetString(1), r.GetDouble(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));
        return rows;
    }

    /// <summary>Open headcount per role and skill of the goals in force at asOf whose targets are scoped to a role.</summary>
    public static async Task<List<(string Role, RoleDemand Demand)>> DemandAsync(NpgsqlConnection conn, string org, DateTimeOffset asOf, CancellationToken ct,
        DateTimeOffset? knownAt = null)
    {
        var known = knownAt is null ? null : "$3";
        await using var cmd = new NpgsqlCommand($"""
            {GoalsInForce("$2", known)}
            select t.scope_value, t.goal_id, t.skill, t.level::double precision, t.headcount,
                   (select count(*)::int from {LevelsAt.Workforce("$1", "$2", known)} w join {LevelsAt.Sql("$1", "$2", null, known)} l on l.person_id = w.person_id
                     where w.role = t.scope_value and l.skill = t.skill and {LevelsAt.Reaches("l.level", "t.level")})
              from g join analytics.strategic_target t on t.org_id = $1 and t.event_id = g.event_id
             where t.scope_kind = 'role'
               and {NotRetired("$2", known)}
             order by t.scope_value, t.goal_id, t.skill
            """, conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(asOf);
        cmd.Parameters.Add(LearningPathQuery.Instant(knownAt));
        var rows = new List<(string, RoleDemand)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add((r.GetString(0), new RoleDemand(r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetInt32(4), r.GetInt32(5), Math.Max(0, r.GetInt32(4) - r.GetInt32(5)))));
        return rows;
    }

    /// <summary>One included assessment value, or one completed course's hours (Level null), of one person on one skill.</summary>
    public sealed record Observation(string PersonId, string Skill, DateTimeOffset At, double? Level, double Hours);

    /// <summary>Every included assessment and every course completion of these skills that occurred by asOf, per person and skill in time order.</summary>
    /// <summary>Every skill some role profile of the organisation requires.</summary>
    public static async Task<List<string>> RequiredSkillsAsync(NpgsqlConnection conn, string org, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select distinct skill from analytics.role_requirement where org_id = $1 order by 1", conn);
        cmd.Parameters.AddWithValue(org);
        var skills = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) skills.Add(r.GetString(0));
        return skills;
    }

    public static async Task<List<Observation>> ObservationsAsync(NpgsqlConnection conn, string org, IReadOnlyCollection<string> skills, DateTimeOffset asOf, CancellationToken ct,
        DateTimeOffset? knownAt = null)
    {
        var known = knownAt is null ? null : "$4";
        await using var cmd = new NpgsqlCommand($"""
            select person_id, skill, at, level, hours from (
              select a.person_id, a.skill, a.occurred_at as at, a.level::double precision as level, 0::double precision as hours, a.sequence as seq
                from analytics.skill_assessment a where a.org_id = $1 and {LevelsAt.Included("a", known)} and a.skill = any($2) and a.occurred_at <= $3
              union all
              select c.person_id, s.skill, c.completed_at, null, c.hours::double precision, 0
                from analytics.course_completion c join analytics.course_completion_skill s on s.org_id = c.org_id and s.event_id = c.event_id
               where c.org_id = $1 and s.skill = any($2) and c.completed_at <= $3 and {LevelsAt.RecordedBy("c.org_id", "c.event_id", known)}) o
             order by person_id, skill, at, level nulls first, seq
            """, conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(skills.ToArray());
        cmd.Parameters.AddWithValue(asOf);
        cmd.Parameters.Add(LearningPathQuery.Instant(knownAt));
        var rows = new List<Observation>();
        // One string per person and skill, not one per row: an organisation's observations may be kept in memory (routes).
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string Once(string name) => names.TryGetValue(name, out var kept) ? kept : names[name] = name;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new Observation(Once(r.GetString(0)), Once(r.GetString(1)), r.GetFieldValue<DateTimeOffset>(2), r.IsDBNull(3) ? null : r.GetDouble(3), r.GetDouble(4)));
        return rows;
    }

    /// <summary>
    /// Pure: for each other person with an assessed value within ±<see cref="StartBand"/> of <paramref name="from"/>
    /// (their first such assessment is the start), the first later assessment at or above <paramref name="to"/> ends
    /// the step: months between the two (days / 30.4375) and learning hours = hours of courses on the skill completed
    /// after the start and up to the end. People who never got there do not count (n says how many did).
    /// </summary>
    public static StepEstimate Estimate(IReadOnlyList<Observation> observations, string skill, string excludedPerson, double from, double to) =>
        Estimate(Steps(observations, skill, from, to), excludedPerson, from, to);

    /// <summary>One person's observed step on a skill: months and learning hours (see <see cref="Estimate(IReadOnlyList{Observation}, string, string, double, double)"/>).</summary>
    public readonly record struct Step(string PersonId, double Months, double Hours);

    /// <summary>Pure: every person's step from <paramref name="from"/> to <paramref name="to"/> (computed once, then summarised per asking person).</summary>
    public static List<Step> Steps(IReadOnlyList<Observation> observations, string skill, double from, double to) =>
        Steps(ByPerson(observations.Where(o => o.Skill == skill)), from, to);

    /// <summary>One skill's observations per person, each person's in their order (the input's: person, time).</summary>
    public static List<Observation[]> ByPerson(IEnumerable<Observation> observations) =>
        [.. observations.GroupBy(o => o.PersonId).Select(g => g.ToArray())];

    /// <summary>Pure: as above over observations already grouped per person (a skill's groups can be kept and reused).</summary>
    public static List<Step> Steps(IReadOnlyList<Observation[]> people, double from, double to)
    {
        var steps = new List<Step>();
        foreach (var person in people)
        {
            DateTimeOffset? start = null;
            double spent = 0;
            foreach (var o in person)
            {
                if (start is null)
                {
                    if (o.Level is { } l && Math.Abs(l - from) <= StartBand + 1e-9) start = o.At;
                    continue;
                }
                if (o.Level is null) { spent += o.Hours; continue; }
                if (!LevelPrecision.Reaches(o.Level, to)) continue;
                steps.Add(new Step(o.PersonId, (o.At - start.Value).TotalDays / MovesQuery.DaysPerMonth, spent));
                break;
            }
        }
        return steps;
    }

    /// <summary>Pure: the summary of the steps of everyone but <paramref name="excludedPerson"/> (a person is not their own evidence).</summary>
    public static StepEstimate Estimate(IReadOnlyList<Step> steps, string excludedPerson, double from, double to)
    {
        var others = steps.Where(x => x.PersonId != excludedPerson).ToList();
        var note = others.Count == 0
            ? "nobody in this ledger has been observed making this step yet"
            : $"{others.Count} people in this ledger went from about {from:0.##} (±{StartBand}) to {to:0.##} on assessed values";
        return new StepEstimate(from, to, others.Count, Quantiles.Summarise(others.Select(x => x.Months)), Quantiles.Summarise(others.Select(x => x.Hours)), note);
    }
}
