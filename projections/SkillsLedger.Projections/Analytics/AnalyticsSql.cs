namespace SkillsLedger.Projections.Analytics;

/// <summary>
/// Statements the analytics projection queues. Parameters are positional ("?"). Aggregates name their row
/// order (ORDER BY inside the call) so floating-point sums are identical however the rows lie on disk: a rebuild
/// must reproduce the tables byte for byte.
/// </summary>
internal static class AnalyticsSql
{
    public const string UpsertSkill = """
        insert into analytics.skill (org_id, skill, name, scale_min, scale_max, defined_at, event_id) values (?, ?, ?, ?, ?, ?, ?)
        on conflict (org_id, skill) do update set name = excluded.name, scale_min = excluded.scale_min,
          scale_max = excluded.scale_max, defined_at = excluded.defined_at, event_id = excluded.event_id
        """;

    public const string DeleteRoleRequirements = "delete from analytics.role_requirement where org_id = ? and role = ?";
    public const string InsertRoleRequirement =
        "insert into analytics.role_requirement (org_id, role, skill, target_level, event_id) values (?, ?, ?, ?, ?)";

    public const string UpsertHire = """
        insert into analytics.person (org_id, person_id, department, role, team, monthly_salary, hired_at, left_at, left_reason)
        values (?, ?, ?, ?, ?, ?, ?, null, null)
        on conflict (org_id, person_id) do update set department = excluded.department, role = excluded.role, team = excluded.team,
          monthly_salary = excluded.monthly_salary, hired_at = excluded.hired_at, left_at = null, left_reason = null
        """;

    public const string ApplyMove = """
        update analytics.person set department = coalesce(?, department), role = coalesce(?, role), team = coalesce(?, team)
        where org_id = ? and person_id = ?
        """;

    public const string ApplyLeave = "update analytics.person set left_at = ?, left_reason = ? where org_id = ? and person_id = ?";

    public const string InsertAssessment = """
        insert into analytics.skill_assessment (org_id, event_id, sequence, person_id, skill, level, method, method_weight,
          occurred_at, recorded_at, recorded_by, source, included)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)
        on conflict (org_id, event_id) do nothing
        """;

    public const string Retract = """
        update analytics.skill_assessment set included = false, retracted_by_event_id = ?, retraction_reason = ?
        where org_id = ? and event_id = ? and included
        """;

    /// <summary>
    /// SQL naming the skill of one person-skill: either a parameter, or (for a retraction, which names only the
    /// assessment) the skill of the retracted assessment.
    /// </summary>
    public const string SkillParameter = "?";
    public const string SkillOfAssessment = "(select skill from analytics.skill_assessment where org_id = ? and event_id = ?)";

    public static string DeleteLevel(string skill) =>
        $"delete from analytics.person_skill_level where org_id = ? and person_id = ? and skill = {skill} and rule_name = 'weighted-recency' and rule_version = 1";

    /// <summary>Recomputes one person-skill's level: rule weighted-recency v1 (the same formula as WeightedRecencyRule).</summary>
    public static string InsertLevel(string skill) => $"""
        insert into analytics.person_skill_level (org_id, person_id, skill, rule_name, rule_version, level, evidence_weight, assessments, last_assessed_at)
        select org_id, person_id, skill, 'weighted-recency', 1,
               sum(w * level::double precision order by sequence) / sum(w order by sequence),
               sum(w order by sequence), count(*), max(occurred_at)
          from (select a.*, method_weight * power(0.5::double precision,
                         extract(epoch from (max(occurred_at) over () - occurred_at))::double precision / 86400.0 / 365.0) as w
                  from analytics.skill_assessment a
                 where org_id = ? and person_id = ? and skill = {skill} and included) x
         group by org_id, person_id, skill
        """;

    public static string DeleteGrowth(string skill) =>
        $"delete from analytics.skill_growth where org_id = ? and person_id = ? and skill = {skill}";

    /// <summary>Recomputes one person-skill's growth velocity (OLS slope, levels per 365.25-day year).</summary>
    public static string InsertGrowth(string skill) => $"""
        insert into analytics.skill_growth (org_id, person_id, skill, slope_per_year, assessments, first_assessed_at, last_assessed_at, span_days)
        select org_id, person_id, skill,
               regr_slope(level::double precision, extract(epoch from occurred_at)::double precision / 31557600.0 order by sequence),
               count(*), min(occurred_at), max(occurred_at),
               extract(epoch from (max(occurred_at) - min(occurred_at)))::double precision / 86400.0
          from analytics.skill_assessment
         where org_id = ? and person_id = ? and skill = {skill} and included
         group by org_id, person_id, skill
        having count(*) >= 2 and max(occurred_at) - min(occurred_at) >= interval '30 days'
        """;

    public const string InsertCourse = """
        insert into analytics.course_completion (org_id, event_id, person_id, course_id, program_id, hours, score, completed_at)
        values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (org_id, event_id) do nothing
        """;

    public const string InsertCourseSkill =
        "insert into analytics.course_completion_skill (org_id, event_id, skill) values (?, ?, ?) on conflict do nothing";

    public const string InsertSignal = """
        insert into analytics.performance_signal (org_id, event_id, person_id, metric, value, unit, occurred_at)
        values (?, ?, ?, ?, ?, ?, ?) on conflict (org_id, event_id) do nothing
        """;

    public const string InsertCost = """
        insert into analytics.program_cost (org_id, event_id, program_id, amount, currency, category, occurred_at)
        values (?, ?, ?, ?, ?, ?, ?) on conflict (org_id, event_id) do nothing
        """;

    /// <summary>A later value supersedes an earlier one, in log order (the projection applies events by sequence).</summary>
    public const string UpsertAssumption = """
        insert into analytics.roi_assumption (org_id, name, value, unit, note, set_at, event_id) values (?, ?, ?, ?, ?, ?, ?)
        on conflict (org_id, name) do update set value = excluded.value, unit = excluded.unit, note = excluded.note,
          set_at = excluded.set_at, event_id = excluded.event_id
        """;

    public const string MarkErased = "update analytics.person set erased_at = ? where org_id = ? and person_id = ?";
}
