namespace SkillsLedger.Projections.Analytics;

/// <summary>
/// Live statements for the contract v1.1 tables (issue 15): assignment history, course and programme catalogue,
/// strategic goals. Each has its set-based twin in <see cref="AnalyticsRebuildSql"/> (same file name suffix).
/// </summary>
internal static partial class AnalyticsSql
{
    /// <summary>
    /// Queued right after a hire or move has been applied to analytics.person: the person's row then holds the
    /// assignment after the event. A move before any hire finds no row and records nothing (as the person table).
    /// Parameters: event id, sequence, valid from, org, person.
    /// </summary>
    public const string RecordAssignment = """
        insert into analytics.person_assignment (org_id, person_id, event_id, sequence, valid_from, department, role, team)
        select org_id, person_id, ?, ?, ?, department, role, team from analytics.person where org_id = ? and person_id = ?
        on conflict (org_id, event_id) do nothing
        """;

    public const string UpsertCourse = """
        insert into analytics.course (org_id, course_id, name, program_id, modality, hours, defined_at, event_id, provider) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
        on conflict (org_id, course_id) do update set name = excluded.name, program_id = excluded.program_id, modality = excluded.modality,
          hours = excluded.hours, defined_at = excluded.defined_at, event_id = excluded.event_id, provider = excluded.provider
        """;

    public const string DeleteCourseSkills = "delete from analytics.course_skill where org_id = ? and course_id = ?";

    /// <summary>A skill listed twice in one definition keeps its first entry (the rebuild does the same).</summary>
    public const string InsertCourseSkill =
        "insert into analytics.course_skill (org_id, course_id, skill, target_level) values (?, ?, ?, ?) on conflict do nothing";

    public const string UpsertProgram = """
        insert into analytics.program (org_id, program_id, name, owner, defined_at, event_id) values (?, ?, ?, ?, ?, ?)
        on conflict (org_id, program_id) do update set name = excluded.name, owner = excluded.owner,
          defined_at = excluded.defined_at, event_id = excluded.event_id
        """;

    public const string DeleteProgramGoals = "delete from analytics.program_goal where org_id = ? and program_id = ?";

    public const string InsertProgramGoal = "insert into analytics.program_goal (org_id, program_id, goal_id) values (?, ?, ?) on conflict do nothing";

    public const string InsertGoalRevision = """
        insert into analytics.strategic_goal (org_id, goal_id, event_id, sequence, name, due_date, note, set_at, recorded_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (org_id, event_id) do nothing
        """;

    public const string InsertGoalTarget = """
        insert into analytics.strategic_target (org_id, event_id, target_no, goal_id, skill, level, headcount, scope_kind, scope_value)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (org_id, event_id, target_no) do nothing
        """;

    public const string InsertGoalRetirement = """
        insert into analytics.strategic_goal_retirement (org_id, event_id, goal_id, reason, retired_at, sequence)
        values (?, ?, ?, ?, ?, ?) on conflict (org_id, event_id) do nothing
        """;
}
