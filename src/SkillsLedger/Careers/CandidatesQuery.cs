using SkillsLedger.Domain.SkillLevels;
using Npgsql;
using SkillsLedger.Infrastructure;
using SkillsLedger.Projections.Analytics;

namespace SkillsLedger.Careers;

/// <param name="MonthsToReady">The longest of the gap skills' median months to the required level observed in this ledger (skills learned side by side);
/// 0 when ready; null when some gap has no observed example.</param>
/// <param name="InScope">For a strategic target: whether the person already sits in the target's scope (null for a role).</param>
public sealed record Candidate(int Rank, string PersonId, string? CurrentRole, string? Department, double Fit, int Gaps, double? MonthsToReady, string Explanation,
    string ExplanationNl, bool? InScope = null);

public sealed record CandidatesView(string Role, DateTimeOffset AsOf, int Employed, string Rule, string Method, IReadOnlyList<Candidate> Candidates, string Source,
    DateTimeOffset? KnownAt = null);

/// <summary>A strategic target as it stood at (asOf, knownAt) and the people who could fill it.</summary>
/// <param name="TargetNo">Position of the target in the goal's revision in force (0-based, as analytics.strategic_target.target_no).</param>
/// <param name="Supply">People in scope already at the level (not candidates).</param>
public sealed record TargetCandidatesView(string GoalId, int TargetNo, string Skill, double Level, int Headcount, string ScopeKind, string? ScopeValue,
    DateTimeOffset AsOf, DateTimeOffset? KnownAt, int Employed, int Supply, string Rule, string Method, IReadOnlyList<Candidate> Candidates, string Source);

/// <summary>Internal mobility (issue 16 item 5): employed people ranked for one role, or for one strategic target, by fit and an estimated time to ready.</summary>
public static class CandidatesQuery
{
    public const string Method = "people employed at asOf and not already in the role, ranked by fit for the role (as GET /fit), then by estimated months to " +
                                 "ready (unknown last), then person id; months to ready = the longest, over the person's gap skills, of the median months " +
                                 "others in this ledger took from the person's level (rounded to the nearest half level, ±0.5) to the required one, as in routes";
    public const string TargetMethod = "people employed at asOf who do not already count towards the target (in its scope and at its level), inside the scope " +
                                       "or outside it (a move would bring them in: inScope false), ranked by fit for the target's one skill and level " +
                                       "(min(level, target) / target, 0–1 of the scale), then estimated months to ready (as for a role), then person id";
    public const string Source = "analytics.person, person_assignment, role_requirement, skill, skill_assessment, course_completion(_skill)";
    public const string TargetSource = "analytics.strategic_goal, strategic_target, strategic_goal_retirement, person, person_assignment, skill, skill_assessment, " +
                                       "course_completion(_skill)";

    private sealed record Person(string Id, string? Role, string? Department, string? Team);

    /// <returns>null when the role has no profile.</returns>
    public static async Task<CandidatesView?> ForRoleAsync(LedgerDatabase db, string org, string role, DateTimeOffset asOf, int top, CancellationToken ct,
        DateTimeOffset? knownAt = null)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var people = await WorkforceAsync(conn, org, asOf, knownAt, ct);
        var others = people.Where(p => p.Role != role).ToList();
        var rows = await FitQuery.RequirementsAsync(conn, org, others.Select(p => new FitQuery.FitQuestion(p.Id, asOf, role)).ToList(), ct, knownAt);
        if (rows.All(r => r.Count == 0) && !await HasProfileAsync(conn, org, role, ct)) return null;
        var ranked = await RankAsync(conn, org, others.Select((p, i) => (p, rows[i], (bool?)null)).ToList(), role, asOf, knownAt, top, ct);
        return new CandidatesView(role, asOf, people.Count, FitQuery.Rule, Method, ranked, Source, knownAt);
    }

    /// <returns>null when the goal was not in force at (asOf, knownAt) or has no target of that number.</returns>
    public static async Task<TargetCandidatesView?> ForTargetAsync(LedgerDatabase db, string org, string goalId, int targetNo, DateTimeOffset asOf, int top,
        CancellationToken ct, DateTimeOffset? knownAt = null)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var target = await TargetAsync(conn, org, goalId, targetNo, asOf, knownAt, ct);
        if (target is null) return null;
        var t = target.Value;
        var people = await WorkforceAsync(conn, org, asOf, knownAt, ct);
        var levels = await LearningPathQuery.LevelsAsync(conn, org, asOf, knownAt, null, ct);
        bool InScope(Person p) => t.ScopeKind switch
        {
            "department" => p.Department == t.ScopeValue,
            "role" => p.Role == t.ScopeValue,
            "team" => p.Team == t.ScopeValue,
            _ => true,
        };
        var asked = people.Select(p =>
        {
            double? level = levels.GetValueOrDefault(p.Id)?.TryGetValue(t.Skill, out var l) == true ? l : null;
            return (Person: p, Rows: new List<FitQuery.Requirement> { new($"{goalId}#{targetNo}", t.Skill, t.Level, t.Min, t.Max, level, t.EventId) }, InScope: InScope(p));
        }).ToList();
        var supply = asked.Count(x => x.InScope && LevelPrecision.Reaches(x.Rows[0].Level, t.Level));
        var open = asked.Where(x => !(x.InScope && LevelPrecision.Reaches(x.Rows[0].Level, t.Level))).Select(x => (x.Person, x.Rows, (bool?)x.InScope)).ToList();
        var ranked = await RankAsync(conn, org, open, $"{goalId}#{targetNo}", asOf, knownAt, top, ct);
        return new TargetCandidatesView(goalId, targetNo, t.Skill, t.Level, t.Headcount, t.ScopeKind, t.ScopeValue, asOf, knownAt, people.Count, supply,
            FitQuery.Rule, TargetMethod, ranked, TargetSource);
    }

    /// <summary>Ranks people by fit for the requirement rows given with each, then months to ready (unknown last), then id.</summary>
    private static async Task<List<Candidate>> RankAsync(NpgsqlConnection conn, string org, IReadOnlyList<(Person Person, List<FitQuery.Requirement> Rows, bool? InScope)> people,
        string role, DateTimeOffset asOf, DateTimeOffset? knownAt, int top, CancellationToken ct)
    {
        var skills = people.SelectMany(p => p.Rows).Select(r => r.Skill).Distinct().ToList();
        var observations = (await RouteEvidence.ObservationsAsync(conn, org, skills, asOf, ct, knownAt)).GroupBy(o => o.Skill).ToDictionary(g => g.Key, g => g.ToList());
        // Steps depend only on (skill, from, to), and from is rounded to half levels: computed once per key, not once per person.
        var steps = new Dictionary<(string, double, double), List<RouteEvidence.Step>>();
        List<RouteEvidence.Step> StepsFor(string skill, double from, double to) =>
            steps.TryGetValue((skill, from, to), out var known) ? known
                : steps[(skill, from, to)] = RouteEvidence.Steps(observations.GetValueOrDefault(skill) ?? [], skill, from, to);
        return people.Where(p => p.Rows.Count > 0).Select(p =>
            {
                var fit = FitQuery.Of(p.Person.Id, role, false, p.Rows, asOf);
                double? months = 0;
                foreach (var g in fit.Gaps)
                {
                    var from = Math.Round((g.Level ?? g.ScaleMin) * 2, MidpointRounding.AwayFromZero) / 2;
                    var m = RouteEvidence.Estimate(StepsFor(g.Skill, from, g.Required), p.Person.Id, from, g.Required).Months;
                    months = m is null || months is null ? null : Math.Max(months.Value, m.Median);
                }
                return (p.Person, Fit: fit, Months: months, p.InScope);
            })
            .OrderByDescending(x => x.Fit.Fit).ThenBy(x => x.Months ?? double.MaxValue).ThenBy(x => x.Person.Id, StringComparer.Ordinal)
            .Take(top)
            .Select((x, k) => new Candidate(k + 1, x.Person.Id, x.Person.Role, x.Person.Department, x.Fit.Fit, x.Fit.Gaps.Count, x.Months,
                $"{x.Fit.Explanation}; months to ready {(x.Months is { } mo ? mo.ToString("0.0") : "unknown (a gap nobody here has been observed closing)")}" +
                (x.InScope is false ? "; outside the target's scope now (counts once moved in)" : ""),
                $"{x.Fit.ExplanationNl}; maanden tot gereed {(x.Months is { } mn ? mn.ToString("0.0", Dutch.Numbers) : "onbekend (niemand hier is waargenomen die dit tekort dichtte)")}" +
                (x.InScope is false ? "; nu buiten het bereik van het doel (telt mee na een overstap)" : ""), x.InScope))
            .ToList();
    }

    private static async Task<List<Person>> WorkforceAsync(NpgsqlConnection conn, string org, DateTimeOffset asOf, DateTimeOffset? knownAt, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select w.person_id, w.role, w.department, w.team from {LevelsAt.Workforce("$1", "$2", knownAt is null ? null : "$3")} w order by w.person_id", conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(asOf);
        cmd.Parameters.Add(LearningPathQuery.Instant(knownAt));
        var people = new List<Person>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            people.Add(new Person(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)));
        return people;
    }

    private static async Task<(string Skill, double Level, int Headcount, string ScopeKind, string? ScopeValue, double Min, double Max, string EventId)?> TargetAsync(
        NpgsqlConnection conn, string org, string goalId, int targetNo, DateTimeOffset asOf, DateTimeOffset? knownAt, CancellationToken ct)
    {
        var known = knownAt is null ? null : "$3";
        await using var cmd = new NpgsqlCommand($"""
            {RouteEvidence.GoalsInForce("$2", known)}
            select t.skill, t.level::double precision, t.headcount, t.scope_kind, t.scope_value, s.scale_min::double precision, s.scale_max::double precision, g.event_id
              from g join analytics.strategic_target t on t.org_id = $1 and t.event_id = g.event_id
              join analytics.skill s on s.org_id = t.org_id and s.skill = t.skill
             where g.goal_id = $4 and t.target_no = $5 and {RouteEvidence.NotRetired("$2", known)}
            """, conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(asOf);
        cmd.Parameters.Add(LearningPathQuery.Instant(knownAt));
        cmd.Parameters.AddWithValue(goalId);
        cmd.Parameters.AddWithValue(targetNo);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return (r.GetString(0), r.GetDouble(1), r.GetInt32(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetDouble(5), r.GetDouble(6), r.GetString(7));
    }

    private static async Task<bool> HasProfileAsync(NpgsqlConnection conn, string org, string role, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select exists(select 1 from analytics.role_requirement where org_id = $1 and role = $2)", conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(role);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
