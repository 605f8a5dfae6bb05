using Npgsql;
using SkillsLedger.Analytics;
using SkillsLedger.Analytics.Careers;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Careers;

/// <summary>
/// A course for one gap. Evidence: mean observed level gain per learning hour among other people who started within
/// ±0.5 of the person's level, n and a 95 % t interval; null when fewer than minGroupSize (Basis says "catalogue only").
/// </summary>
public sealed record PathCourse(string CourseId, string Name, double Hours, double? TargetLevel, int People, double? GainPerHour, double? CiLow, double? CiHigh, string Basis);

/// <param name="Urgency">gap (0–1 of the scale) × strategic weight (1 + targets in force, in the person's scope, naming the skill).</param>
public sealed record PathItem(int Order, string Skill, double? Level, double Required, double Gap, double Urgency, int StrategicTargets,
    IReadOnlyList<string> Goals, bool FromRole, IReadOnlyList<PathCourse> Courses, string Explanation, string Lineage);

public sealed record LearningPathView(string PersonId, DateTimeOffset AsOf, string? Role, int MinGroupSize, string Rule, string Method,
    IReadOnlyList<PathItem> Items, string Source);

/// <summary>Personal learning path (issue 16 item 4, docs/methods.md "Personal learning path").</summary>
public static class LearningPathQuery
{
    public const int CoursesPerItem = 3;
    public const string CatalogueOnly = "catalogue only, no evidence yet";
    public const string Method = "items = skills where the person is below their role's required level or below the level of a strategic target (goal in force " +
                                 "at asOf, scoped to the organisation or to the person's department, role or team); required = the highest of those levels; " +
                                 "urgency = gap in 0–1 of the scale × (1 + number of such targets naming the skill), highest first, then skill id; courses: those " +
                                 "with evidence (≥ minGroupSize other people who started within ±0.5 of the person's level: gain = first assessed value after " +
                                 "completing − last before, per course hour; mean with 95 % t interval) by mean gain per hour, then catalogue-only courses " +
                                 "(aiming at or above the required level first, then shortest); at most 3. Role family is not used yet.";
    public const string Source = "analytics.role_requirement, skill, skill_assessment, person_assignment, strategic_goal, strategic_target, course, course_skill, " +
                                 "course_completion, course_completion_skill";

    private sealed record Target(string GoalId, string Skill, double Level);

    public static async Task<LearningPathView?> ForPersonAsync(LedgerDatabase db, string org, string personId, DateTimeOffset asOf, int minGroupSize, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var person = await FitQuery.AssignmentAsync(conn, org, personId, asOf, ct);
        if (person is null) return null;
        var targets = await TargetsInScopeAsync(conn, org, personId, asOf, ct);
        var skills = await SkillsAsync(conn, org, personId, asOf, targets.Select(t => t.Skill).Distinct().ToArray(), person.Value.Role, ct);
        var items = new List<(string Skill, double? Level, double Required, double Min, double Max, List<Target> Targets, bool FromRole)>();
        foreach (var s in skills)
        {
            var mine = targets.Where(t => t.Skill == s.Skill).ToList();
            var wanted = Math.Max(s.RoleRequired ?? double.MinValue, mine.Select(t => t.Level).DefaultIfEmpty(double.MinValue).Max());
            if (!FitQuery.Reaches(s.Level, wanted)) items.Add((s.Skill, s.Level, wanted, s.Min, s.Max, mine, s.RoleRequired is not null));
        }
        var required = items.ToDictionary(i => i.Skill, i => i.Required);
        var catalogue = await RouteEvidence.CoursesAsync(conn, org, required, int.MaxValue, ct);
        var gains = await GainsAsync(conn, org, personId, required.Keys.ToArray(), asOf, ct);
        var path = items.Select(i =>
            {
                var gap = RoleFit.Rescale(i.Required, i.Min, i.Max) - (i.Level is { } l ? RoleFit.Rescale(l, i.Min, i.Max) : 0);
                return (Item: i, Gap: gap, Urgency: gap * (1 + i.Targets.Count));
            })
            .OrderByDescending(x => x.Urgency).ThenBy(x => x.Item.Skill, StringComparer.Ordinal)
            .Select((x, k) =>
            {
                var i = x.Item;
                var courses = Choose(catalogue.GetValueOrDefault(i.Skill) ?? [], gains.Where(g => g.Skill == i.Skill).ToList(), i.Level ?? i.Min, i.Required, minGroupSize);
                var goals = i.Targets.Select(t => t.GoalId).Distinct().Order(StringComparer.Ordinal).ToList();
                var explanation = $"urgency {x.Urgency:0.000} = gap {x.Gap:0.000} (required {i.Required:0.##} − level {(i.Level is { } lv ? lv.ToString("0.##") : "none")} on " +
                                  $"{i.Min:0.##}–{i.Max:0.##}, in 0–1 of the scale) × (1 + {i.Targets.Count} strategic targets{(goals.Count > 0 ? ": " + string.Join(", ", goals) : "")})" +
                                  $"{(i.FromRole ? $"; required by role {person.Value.Role}" : "")}; levels rule {FitQuery.Rule} at {asOf:O}";
                return new PathItem(k + 1, i.Skill, i.Level, i.Required, i.Required - (i.Level ?? i.Min), x.Urgency, i.Targets.Count, goals, i.FromRole, courses, explanation,
                    $"/api/people/{Uri.EscapeDataString(personId)}/skills/{Uri.EscapeDataString(i.Skill)}/lineage?asOf={asOf:O}");
            }).ToList();
        return new LearningPathView(personId, asOf, person.Value.Role, minGroupSize, FitQuery.Rule, Method, path, Source);
    }

    /// <summary>One completion by someone else: their last assessed value of the skill before it and first after it (up to asOf).</summary>
    public sealed record Gain(string PersonId, string CourseId, string Skill, double Hours, double Before, double After);

    /// <summary>Pure: evidenced courses by mean gain per hour, then catalogue-only ones, at most <see cref="CoursesPerItem"/>.</summary>
    public static List<PathCourse> Choose(IReadOnlyList<CourseSuggestion> catalogue, IReadOnlyList<Gain> gains, double from, double required, int minGroupSize)
    {
        var courses = catalogue.Select(c =>
        {
            // One completion per person and course (the first), started near the person's level.
            var perHour = gains.Where(g => g.CourseId == c.CourseId && Math.Abs(g.Before - from) <= RouteEvidence.StartBand + 1e-9)
                .GroupBy(g => g.PersonId).Select(g => (g.First().After - g.First().Before) / g.First().Hours).ToList();
            if (perHour.Count < minGroupSize || perHour.Count == 0)
                return new PathCourse(c.CourseId, c.Name, c.Hours, c.TargetLevel, perHour.Count, null, null, null,
                    CatalogueOnly + (c.TargetLevel is { } t ? $" (aims at level {t:0.##})" : ""));
            var mean = perHour.Average();
            double? low = null, high = null;
            if (perHour.Count > 1)
            {
                var sd = Math.Sqrt(perHour.Sum(v => (v - mean) * (v - mean)) / (perHour.Count - 1));
                var half = StudentT.Quantile(0.975, perHour.Count - 1) * sd / Math.Sqrt(perHour.Count);
                (low, high) = (mean - half, mean + half);
            }
            return new PathCourse(c.CourseId, c.Name, c.Hours, c.TargetLevel, perHour.Count, mean, low, high,
                $"evidence: {perHour.Count} people starting within ±{RouteEvidence.StartBand} of {from:0.##} gained {mean:0.###} levels per hour");
        }).ToList();
        return courses.Where(c => c.GainPerHour is not null).OrderByDescending(c => c.GainPerHour).ThenBy(c => c.CourseId, StringComparer.Ordinal)
            .Concat(courses.Where(c => c.GainPerHour is null).OrderBy(c => c.TargetLevel is { } t && t >= required ? 0 : 1).ThenBy(c => c.Hours).ThenBy(c => c.CourseId, StringComparer.Ordinal))
            .Take(CoursesPerItem).ToList();
    }

    private static async Task<List<Target>> TargetsInScopeAsync(NpgsqlConnection conn, string org, string personId, DateTimeOffset asOf, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            {RouteEvidence.GoalsInForce("$3")},
                 me as (select a.department, a.role, a.team from analytics.person_assignment a
                         where a.org_id = $1 and a.person_id = $2 and a.valid_from <= $3 order by a.valid_from desc, a.sequence desc limit 1)
            select t.goal_id, t.skill, t.level::double precision
              from g join analytics.strategic_target t on t.org_id = $1 and t.event_id = g.event_id
              cross join me
             where {RouteEvidence.NotRetired("$3")}
               and (t.scope_kind = 'organisation' or t.scope_kind = 'department' and t.scope_value = me.department
                    or t.scope_kind = 'role' and t.scope_value = me.role or t.scope_kind = 'team' and t.scope_value = me.team)
             order by t.goal_id, t.skill
            """, conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(personId);
        cmd.Parameters.AddWithValue(asOf);
        var rows = new List<Target>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) rows.Add(new Target(r.GetString(0), r.GetString(1), r.GetDouble(2)));
        return rows;
    }

    private sealed record SkillRow(string Skill, double Min, double Max, double? RoleRequired, double? Level);

    /// <summary>The role's required skills and the target skills, with scale, role requirement and the person's level at asOf.</summary>
    private static async Task<List<SkillRow>> SkillsAsync(NpgsqlConnection conn, string org, string personId, DateTimeOffset asOf, string[] targetSkills, string? role,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            select s.skill, s.scale_min::double precision, s.scale_max::double precision, r.target_level::double precision, l.level
              from analytics.skill s
              left join analytics.role_requirement r on r.org_id = s.org_id and r.role = $4 and r.skill = s.skill
              left join {Projections.Analytics.LevelsAt.Sql("$1", "$3", "$2")} l on l.skill = s.skill
             where s.org_id = $1 and (r.skill is not null or s.skill = any($5))
             order by s.skill
            """, conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(personId);
        cmd.Parameters.AddWithValue(asOf);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)role ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(targetSkills);
        var rows = new List<SkillRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new SkillRow(r.GetString(0), r.GetDouble(1), r.GetDouble(2), r.IsDBNull(3) ? null : r.GetDouble(3), r.IsDBNull(4) ? null : r.GetDouble(4)));
        return rows;
    }

    private static async Task<List<Gain>> GainsAsync(NpgsqlConnection conn, string org, string personId, string[] skills, DateTimeOffset asOf, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select c.person_id, c.course_id, s.skill, c.hours::double precision, b.level::double precision, a.level::double precision
              from analytics.course_completion c
              join analytics.course_completion_skill s on s.org_id = c.org_id and s.event_id = c.event_id
              join lateral (select x.level from analytics.skill_assessment x where x.org_id = c.org_id and x.person_id = c.person_id and x.skill = s.skill
                              and x.included and x.occurred_at <= c.completed_at order by x.occurred_at desc, x.sequence desc limit 1) b on true
              join lateral (select x.level from analytics.skill_assessment x where x.org_id = c.org_id and x.person_id = c.person_id and x.skill = s.skill
                              and x.included and x.occurred_at > c.completed_at and x.occurred_at <= $3 order by x.occurred_at, x.sequence limit 1) a on true
             where c.org_id = $1 and s.skill = any($2) and c.completed_at <= $3 and c.person_id <> $4 and c.hours > 0
             order by c.person_id, c.course_id, c.completed_at, c.event_id
            """, conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(skills);
        cmd.Parameters.AddWithValue(asOf);
        cmd.Parameters.AddWithValue(personId);
        var rows = new List<Gain>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new Gain(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5)));
        return rows;
    }
}
