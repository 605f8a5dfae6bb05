using SkillsLedger.Domain.SkillLevels;
using Npgsql;
using SkillsLedger.Analytics.Careers;
using SkillsLedger.Infrastructure;
using SkillsLedger.Projections.Analytics;

namespace SkillsLedger.Careers;

/// <summary>One required skill the person has not reached: both levels on the skill's own scale, and what it costs in fit.</summary>
/// <param name="Level">The person's level at asOf (rule weighted-recency v1); null when never assessed (counted as the scale's bottom).</param>
/// <param name="Gap">required − level on the skill's scale (required − scale minimum when never assessed).</param>
/// <param name="FitShare">The same gap rescaled to 0–1 of the scale: what closing it adds to Σ min(level, required).</param>
/// <param name="Lineage">Where the events behind the level are listed.</param>
public sealed record FitGap(string Skill, double Required, double? Level, double ScaleMin, double ScaleMax, double Gap, double FitShare, string Lineage);

/// <param name="Fit">Σ min(level, required) / Σ required over the role's required skills, each rescaled to 0–1 of its scale.</param>
/// <param name="Met">Σ min(level, required) (0–1 units): the numerator.</param>
/// <param name="Required">Σ required (0–1 units): the denominator.</param>
/// <param name="ProfileEventId">The role_profile_defined event whose requirements were used.</param>
public sealed record RoleFitView(int Rank, string Role, bool Current, double Fit, double Met, double Required, int RequiredSkills, int SkillsReached,
    IReadOnlyList<FitGap> Gaps, string ProfileEventId, string Explanation, string ExplanationNl);

/// <param name="CurrentRole">The role in force at asOf (analytics.person_assignment); null before the person was hired.</param>
public sealed record PersonFitView(string PersonId, DateTimeOffset AsOf, string? CurrentRole, bool Employed, string Rule, string Method,
    IReadOnlyList<RoleFitView> Roles, string Source, DateTimeOffset? KnownAt = null);

/// <summary>
/// Role fit of one person to every role profile (issue 16 item 1, docs/methods.md "Role fit"): the one home of the
/// figure the fit endpoint, routes, learning path and candidates use.
/// </summary>
public static class FitQuery
{
    public const string Rule = "weighted-recency v1";
    public const string Method = "fit = Σ min(level, required) / Σ required over the role's required skills; levels (rule weighted-recency v1 at asOf) " +
                                 "and requirements rescaled to 0–1 of each skill's scale; never assessed = bottom of the scale (0); a skill is reached " +
                                 "when level ≥ required at 9 decimals. Ranked by fit (highest first), then role id. Role profiles: the ones in force now.";
    public const string Source = "analytics.role_requirement, analytics.skill, analytics.skill_assessment (levels as of asOf), analytics.person_assignment";

    /// <summary>One required skill of one role with the person's level at asOf (null: never assessed).</summary>
    public sealed record Requirement(string Role, string Skill, double Required, double ScaleMin, double ScaleMax, double? Level, string ProfileEventId);

    /// <returns>null when the organisation has no person_hired for this person (projected).</returns>
    /// <param name="knownAt">Record time: only assessments and moves the ledger had recorded by then (null: everything).</param>
    public static async Task<PersonFitView?> ForPersonAsync(LedgerDatabase db, string org, string personId, DateTimeOffset asOf, CancellationToken ct,
        DateTimeOffset? knownAt = null)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var person = await AssignmentAsync(conn, org, personId, asOf, ct, knownAt);
        if (person is null) return null;
        var rows = await RequirementsAsync(conn, org, [new FitQuestion(personId, asOf)], ct, knownAt);
        return new PersonFitView(personId, asOf, person.Value.Role, person.Value.Employed, Rule, Method, Rank(personId, person.Value.Role, rows[0], asOf), Source, knownAt);
    }

    /// <summary>Pure: every role's fit from the requirement rows of one person, ranked (tests check it by hand).</summary>
    public static IReadOnlyList<RoleFitView> Rank(string personId, string? currentRole, IReadOnlyList<Requirement> rows, DateTimeOffset asOf)
    {
        var fits = rows.GroupBy(r => r.Role, StringComparer.Ordinal).Select(g => Of(personId, g.Key, g.Key == currentRole, g.ToList(), asOf))
            .OrderByDescending(f => f.Fit).ThenBy(f => f.Role, StringComparer.Ordinal).ToList();
        return fits.Select((f, i) => f with { Rank = i + 1 }).ToList();
    }

    public static RoleFitView Of(string personId, string role, bool current, IReadOnlyList<Requirement> rows, DateTimeOffset asOf)
    {
        var terms = rows.Select(r => new FitTerm(r.Level is { } l ? RoleFit.Rescale(l, r.ScaleMin, r.ScaleMax) : 0,
            RoleFit.Rescale(r.Required, r.ScaleMin, r.ScaleMax))).ToList();
        var fit = RoleFit.Compute(terms);
        var met = terms.Sum(t => Math.Min(t.Level, t.Required));
        var required = terms.Sum(t => t.Required);
        var gaps = rows.Zip(terms).Where(x => !LevelPrecision.Reaches(x.First.Level, x.First.Required)).Select(x => new FitGap(x.First.Skill, x.First.Required,
                x.First.Level, x.First.ScaleMin, x.First.ScaleMax, x.First.Required - (x.First.Level ?? x.First.ScaleMin), x.Second.Required - x.Second.Level,
                $"/api/people/{Uri.EscapeDataString(personId)}/skills/{Uri.EscapeDataString(x.First.Skill)}/lineage?asOf={asOf:O}"))
            .OrderByDescending(g => g.FitShare).ThenBy(g => g.Skill, StringComparer.Ordinal).ToList();
        var explanation = $"fit {fit:0.000} = {met:0.000} / {required:0.000} (Σ min(level, required) / Σ required, 0–1 of each scale) over " +
                          $"{rows.Count} required skills, {rows.Count - gaps.Count} reached; profile from event {rows[0].ProfileEventId}; levels rule {Rule} at {asOf:O}";
        var explanationNl = string.Create(Dutch.Numbers, $"geschiktheid {fit:0.000} = {met:0.000} / {required:0.000} (Σ min(niveau, vereist) / Σ vereist, 0–1 van elke schaal) over " +
                                         $"{rows.Count} vereiste vaardigheden, {rows.Count - gaps.Count} bereikt; profiel uit gebeurtenis {rows[0].ProfileEventId}; " +
                                         $"niveaus volgens regel {Rule} op {asOf:O}");
        return new RoleFitView(0, role, current, fit, met, required, rows.Count, rows.Count - gaps.Count, gaps, rows[0].ProfileEventId, explanation, explanationNl);
    }

    /// <summary>The role in force at asOf and whether the person was employed then; null when never hired.</summary>
    public static async Task<(string? Role, bool Employed)?> AssignmentAsync(NpgsqlConnection conn, string org, string personId, DateTimeOffset asOf, CancellationToken ct,
        DateTimeOffset? knownAt = null)
    {
        await using var cmd = new NpgsqlCommand($"""
            select (select a.role from analytics.person_assignment a where a.org_id = p.org_id and a.person_id = p.person_id and a.valid_from <= $3
                       and {LevelsAt.RecordedBy("a.org_id", "a.event_id", knownAt is null ? null : "$4")}
                     order by a.valid_from desc, a.sequence desc limit 1),
                   p.hired_at <= $3 and (p.left_at is null or p.left_at > $3)
              from analytics.person p where p.org_id = $1 and p.person_id = $2
            """, conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(personId);
        cmd.Parameters.AddWithValue(asOf);
        cmd.Parameters.Add(LearningPathQuery.Instant(knownAt));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return (r.IsDBNull(0) ? null : r.GetString(0), r.GetBoolean(1));
    }

    /// <summary>A person at an instant, against one role (or every role when null).</summary>
    public readonly record struct FitQuestion(string PersonId, DateTimeOffset At, string? Role = null);

    /// <summary>
    /// For each question, the asked roles' required skills with the person's level at that instant (null: never
    /// assessed), in role then skill order; one statement for any number of questions (moves, candidates).
    /// </summary>
    public static async Task<List<Requirement>[]> RequirementsAsync(NpgsqlConnection conn, string org, IReadOnlyList<FitQuestion> questions, CancellationToken ct,
        DateTimeOffset? knownAt = null)
    {
        await using var cmd = new NpgsqlCommand($"""
            select q.n, r.role, r.skill, r.target_level::double precision, s.scale_min::double precision, s.scale_max::double precision, l.level, r.event_id
              from unnest($2::text[], $3::timestamptz[], $4::text[]) with ordinality q(person_id, at, role, n)
              join analytics.role_requirement r on r.org_id = $1 and (q.role is null or r.role = q.role)
              join analytics.skill s on s.org_id = r.org_id and s.skill = r.skill
              left join lateral (select x.level from {LevelsAt.Sql("$1", "q.at", "q.person_id", knownAt is null ? null : "$5")} x where x.skill = r.skill) l on true
             order by q.n, r.role, r.skill
            """, conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(questions.Select(q => q.PersonId).ToArray());
        cmd.Parameters.AddWithValue(questions.Select(q => q.At).ToArray());
        cmd.Parameters.Add(new NpgsqlParameter { Value = questions.Select(q => (object?)q.Role ?? DBNull.Value).ToArray(),
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(LearningPathQuery.Instant(knownAt));
        var rows = questions.Select(_ => new List<Requirement>()).ToArray();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows[r.GetInt64(0) - 1].Add(new Requirement(r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5),
                r.IsDBNull(6) ? null : r.GetDouble(6), r.GetString(7)));
        return rows;
    }
}
