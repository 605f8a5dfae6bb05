namespace SkillsLedger.Projections.Analytics;

/// <summary>
/// Live statements for the contract v1.1 tables (issue 15) that no single event declares: assignment history and goal
/// targets. Each has its set-based twin in <see cref="AnalyticsRebuildSql"/> (same file name suffix).
/// </summary>
public static partial class AnalyticsSql
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

    public const string InsertGoalTarget = """
        insert into analytics.strategic_target (org_id, event_id, target_no, goal_id, skill, level, headcount, scope_kind, scope_value)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (org_id, event_id, target_no) do nothing
        """;
}
