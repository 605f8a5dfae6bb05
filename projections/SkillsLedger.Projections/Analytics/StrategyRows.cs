using System.Text.Json;
using JasperFx.Events;
using Marten;
using SkillsLedger.Domain.Events;

namespace SkillsLedger.Projections.Analytics;

/// <summary>
/// The catalogue and goal events of contract v1.1, as analytics rows (statements in <c>AnalyticsSql.Strategy.cs</c>).
/// Courses and programmes keep their latest definition; goals keep every revision, so a goal can be shown as it stood.
/// </summary>
internal static class StrategyRows
{
    /// <summary>A modality as the contract spells it (on_the_job), the same text the rebuild reads from the stored JSON.</summary>
    public static string Modality(CourseModality m) => JsonNamingPolicy.SnakeCaseLower.ConvertName(m.ToString());

    public static void Queue(IDocumentOperations ops, string org, IEvent e)
    {
        switch (e.Data)
        {
            case CourseDefined c:
                ops.QueueSqlCommand(AnalyticsSql.UpsertCourse, org, c.CourseId, c.Name, Db(c.ProgramId), Modality(c.Modality), c.Hours,
                    Time(c.OccurredAt), c.EventId!, Db(c.Provider));
                ops.QueueSqlCommand(AnalyticsSql.DeleteCourseSkills, org, c.CourseId);
                foreach (var s in c.Skills)
                    ops.QueueSqlCommand(AnalyticsSql.InsertCourseSkill, org, c.CourseId, s.Skill, s.TargetLevel.HasValue ? s.TargetLevel.Value : DBNull.Value);
                break;
            case ProgramDefined p:
                ops.QueueSqlCommand(AnalyticsSql.UpsertProgram, org, p.ProgramId, p.Name, Db(p.Owner), Time(p.OccurredAt), p.EventId!);
                ops.QueueSqlCommand(AnalyticsSql.DeleteProgramGoals, org, p.ProgramId);
                foreach (var goal in p.Goals)
                    ops.QueueSqlCommand(AnalyticsSql.InsertProgramGoal, org, p.ProgramId, goal);
                break;
            case StrategicGoalSet g:
                ops.QueueSqlCommand(AnalyticsSql.InsertGoalRevision, org, g.GoalId, g.EventId!, e.Sequence, g.Name, g.DueDate, Db(g.Note),
                    Time(g.OccurredAt), Time(e.Timestamp));
                for (var k = 0; k < g.Targets.Count; k++)
                {
                    var t = g.Targets[k];
                    var (kind, value) = Scope(t.Scope);
                    ops.QueueSqlCommand(AnalyticsSql.InsertGoalTarget, org, g.EventId!, k, g.GoalId, t.Skill, t.Level, t.Headcount, kind, Db(value));
                }
                break;
            case StrategicGoalRetired r:
                ops.QueueSqlCommand(AnalyticsSql.InsertGoalRetirement, org, r.EventId!, r.GoalId, r.Reason, Time(r.OccurredAt), e.Sequence);
                break;
        }
    }

    /// <summary>Where a target counts people: the whole organisation, or one department, role or team.</summary>
    public static (string Kind, string? Value) Scope(TargetScope? scope) => scope switch
    {
        { Department: { } d } => ("department", d),
        { Role: { } r } => ("role", r),
        { Team: { } t } => ("team", t),
        _ => ("organisation", null),
    };

    private static DateTimeOffset Time(DateTimeOffset t) => LedgerTime.ToMicroseconds(t);
    private static object Db(string? value) => (object?)value ?? DBNull.Value;
}
