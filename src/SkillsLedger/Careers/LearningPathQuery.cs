using SkillsLedger.Domain.SkillLevels;
using Npgsql;
using SkillsLedger.Analytics;
using SkillsLedger.Analytics.Careers;
using SkillsLedger.Infrastructure;
using SkillsLedger.Projections.Analytics;

namespace SkillsLedger.Careers;

/// <summary>
/// A course for one gap. Evidence: mean observed level gain per learning hour among other people who started within
/// ±0.5 of the person's level, n and a 95 % t interval; null when fewer than minGroupSize (Basis says "catalogue only").
/// </summary>
public sealed record PathCourse(string CourseId, string Name, double Hours, double? TargetLevel, int People, double? GainPerHour, double? CiLow, double? CiHigh, string Basis);

/// <param name="Urgency">gap (0–1 of the scale) × strategic weight (1 + targets in force, in the person's scope, naming the skill).</param>
public sealed record PathItem(int Order, string Skill, double? Level, double Required, double Gap, double Urgency, int StrategicTargets,
    IReadOnlyList<string> Goals, bool FromRole, IReadOnlyList<PathCourse> Courses, string Explanation, string ExplanationNl, string Lineage);

public sealed record LearningPathView(string PersonId, DateTimeOffset AsOf, string? Role, int MinGroupSize, string Rule, string Method,
    IReadOnlyList<PathItem> Items, string Source, DateTimeOffset? KnownAt = null);

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

    /// <summary>Where a person worked at asOf (their latest hire or move by then).</summary>
    public sealed record PathPerson(string PersonId, string? Role, string? Department, string? Team);

    /// <summary>What every person's path at one (asOf, knownAt) is built from, loaded once for one or many people.</summary>
    /// <param name="Requirements">Role → skill → required level (the profiles in force now).</param>
    public sealed record PathEvidence(IReadOnlyDictionary<string, (double Min, double Max)> Scales,
        IReadOnlyDictionary<string, Dictionary<string, double>> Requirements, IReadOnlyList<RouteEvidence.TargetInForce> Targets,
        IReadOnlyDictionary<string, List<CourseSuggestion>> Catalogue, IReadOnlyList<Gain> Gains);

    /// <param name="knownAt">Record time; null: everything recorded.</param>
    /// <param name="figures">When given (and knownAt is null), the others' gains come from every skill's gains, read
    /// once per ledger state and shared by every person's path (<see cref="AllGainsAsync"/>).</param>
    public static async Task<LearningPathView?> ForPersonAsync(LedgerDatabase db, string org, string personId, DateTimeOffset asOf, int minGroupSize,
        CancellationToken ct, DateTimeOffset? knownAt = null, FigureCache? figures = null)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var people = await PeopleAsync(conn, org, asOf, knownAt, personId, ct);
        if (people.Count == 0) return null;
        var levels = await LevelsAsync(conn, org, asOf, knownAt, personId, ct);
        var (scales, requirements, targets) = await CatalogueStateAsync(conn, org, asOf, knownAt, ct);
        var gaps = Gaps(people[0], levels.GetValueOrDefault(personId) ?? [], scales, requirements, targets);
        var required = gaps.ToDictionary(g => g.Skill, g => g.Required);
        // The same rows either way: the query is per skill, and filtering keeps its order.
        var gains = figures is not null && knownAt is null
            ? (await AllGainsAsync(figures, db, org, asOf, ct)).Where(g => required.ContainsKey(g.Skill)).ToList()
            : await GainsAsync(conn, org, required.Keys.ToArray(), asOf, knownAt, ct);
        var evidence = new PathEvidence(scales, requirements, targets, await RouteEvidence.CoursesAsync(conn, org, required, int.MaxValue, ct), gains);
        return Build(people[0], gaps, evidence, asOf, minGroupSize) with { KnownAt = knownAt };
    }

    /// <summary>
    /// Every defined skill's gains by asOf (everything recorded), once per ledger state: at 100,000 people one person's
    /// gains took most of their page's time, and every person's path reads the same completions.
    /// </summary>
    public static Task<List<Gain>> AllGainsAsync(FigureCache figures, LedgerDatabase db, string org, DateTimeOffset asOf, CancellationToken ct) =>
        figures.GetAsync($"gains|{org}|{asOf.UtcTicks}", async c =>
        {
            await using var conn = await db.DataSource.OpenConnectionAsync(c);
            var (scales, _, _) = await CatalogueStateAsync(conn, org, asOf, null, c);
            return await GainsAsync(conn, org, [.. scales.Keys], asOf, null, c);
        }, ct);

    /// <summary>Everything but the people's own levels, for every skill: what an evaluation over many people loads once.</summary>
    public static async Task<PathEvidence> EvidenceAsync(NpgsqlConnection conn, string org, DateTimeOffset asOf, DateTimeOffset? knownAt, CancellationToken ct)
    {
        var (scales, requirements, targets) = await CatalogueStateAsync(conn, org, asOf, knownAt, ct);
        return new PathEvidence(scales, requirements, targets,
            await RouteEvidence.CoursesAsync(conn, org, scales.Keys.ToDictionary(k => k, _ => 0.0), int.MaxValue, ct),
            await GainsAsync(conn, org, scales.Keys.ToArray(), asOf, knownAt, ct));
    }

    /// <summary>One skill below what the person's role or a strategic target in their scope asks.</summary>
    public sealed record PathGap(string Skill, double? Level, double Required, double Min, double Max, IReadOnlyList<RouteEvidence.TargetInForce> Targets, bool FromRole);

    /// <summary>Pure: the person's gaps on their role's profile and on targets in force in their scope (organisation, department, role, team).</summary>
    public static List<PathGap> Gaps(PathPerson person, IReadOnlyDictionary<string, double> levels, IReadOnlyDictionary<string, (double Min, double Max)> scales,
        IReadOnlyDictionary<string, Dictionary<string, double>> requirements, IReadOnlyList<RouteEvidence.TargetInForce> targets)
    {
        var mine = targets.Where(t => t.ScopeKind == "organisation" || t.ScopeKind == "department" && t.ScopeValue == person.Department
                                      || t.ScopeKind == "role" && t.ScopeValue == person.Role || t.ScopeKind == "team" && t.ScopeValue == person.Team).ToList();
        var role = person.Role is { } r ? requirements.GetValueOrDefault(r) : null;
        var gaps = new List<PathGap>();
        foreach (var skill in (role?.Keys ?? Enumerable.Empty<string>()).Concat(mine.Select(t => t.Skill)).Distinct().Where(scales.ContainsKey).Order(StringComparer.Ordinal))
        {
            var named = mine.Where(t => t.Skill == skill).ToList();
            double? roleRequired = role is not null && role.TryGetValue(skill, out var q) ? q : null;
            var wanted = Math.Max(roleRequired ?? double.MinValue, named.Select(t => t.Level).DefaultIfEmpty(double.MinValue).Max());
            double? level = levels.TryGetValue(skill, out var l) ? l : null;
            if (!LevelPrecision.Reaches(level, wanted)) gaps.Add(new PathGap(skill, level, wanted, scales[skill].Min, scales[skill].Max, named, roleRequired is not null));
        }
        return gaps;
    }

    /// <summary>Pure: the path from the gaps and the evidence (others' gains only: the person's own completions are left out).</summary>
    public static LearningPathView Build(PathPerson person, IReadOnlyList<PathGap> gaps, PathEvidence evidence, DateTimeOffset asOf, int minGroupSize)
    {
        var personId = person.PersonId;
        var path = gaps.Select(i =>
            {
                var gap = RoleFit.Rescale(i.Required, i.Min, i.Max) - (i.Level is { } l ? RoleFit.Rescale(l, i.Min, i.Max) : 0);
                return (Item: i, Gap: gap, Urgency: gap * (1 + i.Targets.Count));
            })
            .OrderByDescending(x => x.Urgency).ThenBy(x => x.Item.Skill, StringComparer.Ordinal)
            .Select((x, k) =>
            {
                var i = x.Item;
                var courses = Choose(evidence.Catalogue.GetValueOrDefault(i.Skill) ?? [], evidence.Gains.Where(g => g.Skill == i.Skill && g.PersonId != personId).ToList(),
                    i.Level ?? i.Min, i.Required, minGroupSize);
                var goals = i.Targets.Select(t => t.GoalId).Distinct().Order(StringComparer.Ordinal).ToList();
                var explanation = $"urgency {x.Urgency:0.000} = gap {x.Gap:0.000} (required {i.Required:0.##} − level {(i.Level is { } lv ? lv.ToString("0.##") : "none")} on " +
                                  $"{i.Min:0.##}–{i.Max:0.##}, in 0–1 of the scale) × (1 + {i.Targets.Count} strategic targets{(goals.Count > 0 ? ": " + string.Join(", ", goals) : "")})" +
                                  $"{(i.FromRole ? $"; required by role {person.Role}" : "")}; levels rule {FitQuery.Rule} at {asOf:O}";
                var explanationNl = string.Create(Dutch.Numbers, $"urgentie {x.Urgency:0.000} = tekort {x.Gap:0.000} (vereist {i.Required:0.##} − niveau {(i.Level is { } nl ? nl.ToString("0.##", Dutch.Numbers) : "geen")} op " +
                                    $"{i.Min:0.##}–{i.Max:0.##}, in 0–1 van de schaal) × (1 + {i.Targets.Count} strategische doelen{(goals.Count > 0 ? ": " + string.Join(", ", goals) : "")})" +
                                    $"{(i.FromRole ? $"; vereist voor rol {person.Role}" : "")}; niveaus volgens regel {FitQuery.Rule} op {asOf:O}");
                return new PathItem(k + 1, i.Skill, i.Level, i.Required, i.Required - (i.Level ?? i.Min), x.Urgency, i.Targets.Count, goals, i.FromRole, courses, explanation, explanationNl,
                    $"/api/people/{Uri.EscapeDataString(personId)}/skills/{Uri.EscapeDataString(i.Skill)}/lineage?asOf={asOf:O}");
            }).ToList();
        return new LearningPathView(personId, asOf, person.Role, minGroupSize, FitQuery.Rule, Method, path, Source);
    }

    /// <summary>One completion by someone else: their last assessed value of the skill before it and first after it (up to asOf).</summary>
    public sealed record Gain(string PersonId, string CourseId, string Skill, double Hours, double Before, double After, DateTimeOffset CompletedAt);

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

    /// <summary>Everyone hired by asOf (one person when <paramref name="personId"/> is given) with their assignment then, as known at knownAt.</summary>
    public static async Task<List<PathPerson>> PeopleAsync(NpgsqlConnection conn, string org, DateTimeOffset asOf, DateTimeOffset? knownAt, string? personId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            select p.person_id, a.role, a.department, a.team
              from analytics.person p
              left join lateral (select x.role, x.department, x.team from analytics.person_assignment x
                                  where x.org_id = p.org_id and x.person_id = p.person_id and x.valid_from <= $2 and {LevelsAt.RecordedBy("x.org_id", "x.event_id", Known(knownAt))}
                                  order by x.valid_from desc, x.sequence desc limit 1) a on true
             where p.org_id = $1 and ($4::text is null or p.person_id = $4)
             order by p.person_id
            """, conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(asOf);
        cmd.Parameters.Add(Instant(knownAt));
        cmd.Parameters.Add(Text(personId));
        var rows = new List<PathPerson>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new PathPerson(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)));
        return rows;
    }

    /// <summary>"$3" when a record time is given (the position every loader here gives it), else null: no record-time filter.</summary>
    private static string? Known(DateTimeOffset? knownAt) => knownAt is null ? null : "$3";

    public static NpgsqlParameter Instant(DateTimeOffset? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz };

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };

    /// <summary>Person → skill → level at asOf (rule weighted-recency v1), as known at knownAt; one person or everyone.</summary>
    public static async Task<Dictionary<string, Dictionary<string, double>>> LevelsAsync(NpgsqlConnection conn, string org, DateTimeOffset asOf, DateTimeOffset? knownAt,
        string? personId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select person_id, skill, level from {LevelsAt.Sql("$1", "$2", personId is null ? null : "$4", Known(knownAt))} l", conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(asOf);
        cmd.Parameters.Add(Instant(knownAt));
        cmd.Parameters.Add(Text(personId));
        var levels = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            if (!levels.TryGetValue(r.GetString(0), out var mine)) levels[r.GetString(0)] = mine = new Dictionary<string, double>(StringComparer.Ordinal);
            mine[r.GetString(1)] = r.GetDouble(2);
        }
        return levels;
    }

    /// <summary>Skill scales, role profiles (in force now) and the strategic targets in force at (asOf, knownAt).</summary>
    private static async Task<(Dictionary<string, (double Min, double Max)>, Dictionary<string, Dictionary<string, double>>, List<RouteEvidence.TargetInForce>)> CatalogueStateAsync(
        NpgsqlConnection conn, string org, DateTimeOffset asOf, DateTimeOffset? knownAt, CancellationToken ct)
    {
        var scales = new Dictionary<string, (double Min, double Max)>(StringComparer.Ordinal);
        var requirements = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand("select skill, scale_min::double precision, scale_max::double precision from analytics.skill where org_id = $1", conn))
        {
            cmd.Parameters.AddWithValue(org);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) scales[r.GetString(0)] = (r.GetDouble(1), r.GetDouble(2));
        }
        await using (var cmd = new NpgsqlCommand("select role, skill, target_level::double precision from analytics.role_requirement where org_id = $1", conn))
        {
            cmd.Parameters.AddWithValue(org);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                if (!requirements.TryGetValue(r.GetString(0), out var role)) requirements[r.GetString(0)] = role = new Dictionary<string, double>(StringComparer.Ordinal);
                role[r.GetString(1)] = r.GetDouble(2);
            }
        }
        return (scales, requirements, await RouteEvidence.TargetsInForceAsync(conn, org, asOf, knownAt, ct));
    }

    /// <summary>
    /// Every completion (hours &gt; 0) of these skills by asOf with the learner's last included assessed value of the
    /// skill at or before it and the first after it (by asOf), as known at knownAt.
    /// </summary>
    public static async Task<List<Gain>> GainsAsync(NpgsqlConnection conn, string org, string[] skills, DateTimeOffset asOf, DateTimeOffset? knownAt, CancellationToken ct)
    {
        var known = Known(knownAt);
        await using var cmd = new NpgsqlCommand($"""
            select c.person_id, c.course_id, s.skill, c.hours::double precision, b.level::double precision, a.level::double precision, c.completed_at
              from analytics.course_completion c
              join analytics.course_completion_skill s on s.org_id = c.org_id and s.event_id = c.event_id
              join lateral (select x.level from analytics.skill_assessment x where x.org_id = c.org_id and x.person_id = c.person_id and x.skill = s.skill
                              and {LevelsAt.Included("x", known)} and x.occurred_at <= c.completed_at order by x.occurred_at desc, x.sequence desc limit 1) b on true
              join lateral (select x.level from analytics.skill_assessment x where x.org_id = c.org_id and x.person_id = c.person_id and x.skill = s.skill
                              and {LevelsAt.Included("x", known)} and x.occurred_at > c.completed_at and x.occurred_at <= $4 order by x.occurred_at, x.sequence limit 1) a on true
             where c.org_id = $1 and s.skill = any($2) and c.completed_at <= $4 and c.hours > 0 and {LevelsAt.RecordedBy("c.org_id", "c.event_id", known)}
             order by c.person_id, c.course_id, c.completed_at, c.event_id
            """, conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(skills);
        cmd.Parameters.Add(Instant(knownAt));
        cmd.Parameters.AddWithValue(asOf);
        var rows = new List<Gain>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new Gain(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetFieldValue<DateTimeOffset>(6)));
        return rows;
    }
}
