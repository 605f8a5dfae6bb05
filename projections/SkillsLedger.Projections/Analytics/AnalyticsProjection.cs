using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.SkillLevels;

namespace SkillsLedger.Projections.Analytics;

/// <summary>
/// Writes the `analytics` schema from the event log. Async (run by the daemon) so appends stay fast; person-level
/// API reads do not depend on it (they derive from the person's stream). Every row is a function of events only —
/// no clock, no outside lookups — and the level and growth rows are recomputed from this projection's own
/// skill_assessment rows in a fixed order, so a rebuild reproduces the tables exactly.
/// </summary>
public sealed class AnalyticsProjection : EventProjection
{
    public const string ProjectionName = "analytics";

    public AnalyticsProjection()
    {
        Name = ProjectionName;
        foreach (var type in EventTypes.All) IncludeType(type);
        // A rebuild starts from empty tables (Marten deletes their rows before replaying).
        foreach (var table in AnalyticsSchema.Tables)
            Options.DeleteDataInTableOnTeardown($"{AnalyticsSchema.Name}.{table}");
    }

    public override ValueTask ApplyAsync(IDocumentOperations ops, IEvent e, CancellationToken cancellation)
    {
        var org = e.TenantId;
        switch (e.Data)
        {
            case SkillDefined s:
                ops.QueueSqlCommand(AnalyticsSql.UpsertSkill, org, s.Skill, s.Name, s.ScaleMin, s.ScaleMax, Utc(s.OccurredAt), s.EventId!);
                break;
            case RoleProfileDefined r:
                ops.QueueSqlCommand(AnalyticsSql.DeleteRoleRequirements, org, r.Role);
                foreach (var q in r.Requirements)
                    ops.QueueSqlCommand(AnalyticsSql.InsertRoleRequirement, org, r.Role, q.Skill, q.Level, r.EventId!);
                break;
            case PersonHired h:
                ops.QueueSqlCommand(AnalyticsSql.UpsertHire, org, h.PersonId, h.Department, h.Role, Db(h.Team), Db(h.MonthlySalary), Utc(h.OccurredAt));
                break;
            case PersonMoved m:
                ops.QueueSqlCommand(AnalyticsSql.ApplyMove, Db(m.Department), Db(m.Role), Db(m.Team), org, m.PersonId);
                break;
            case PersonLeft l:
                ops.QueueSqlCommand(AnalyticsSql.ApplyLeave, Utc(l.OccurredAt), l.Reason.ToString().ToLowerInvariant(), org, l.PersonId);
                break;
            case SkillAssessed a:
                ops.QueueSqlCommand(AnalyticsSql.InsertAssessment, org, a.EventId!, e.Sequence, a.PersonId, a.Skill, a.Level,
                    a.Method.ToString().ToLowerInvariant(), WeightedRecencyRule.MethodWeight(a.Method), Utc(a.OccurredAt), Utc(e.Timestamp),
                    Db(e.UserName), Db(a.Source));
                Recompute(ops, AnalyticsSql.SkillParameter, [org, a.PersonId, a.Skill]);
                break;
            case AssessmentRetracted x:
                ops.QueueSqlCommand(AnalyticsSql.Retract, x.EventId!, x.Reason, org, x.RetractsEventId);
                Recompute(ops, AnalyticsSql.SkillOfAssessment, [org, x.PersonId, org, x.RetractsEventId]);
                break;
            case CourseCompleted c:
                ops.QueueSqlCommand(AnalyticsSql.InsertCourse, org, c.EventId!, c.PersonId, c.CourseId, Db(c.ProgramId), c.Hours, Db(c.Score), Utc(c.OccurredAt));
                foreach (var skill in c.Skills ?? [])
                    ops.QueueSqlCommand(AnalyticsSql.InsertCourseSkill, org, c.EventId!, skill);
                break;
            case PerformanceSignal p:
                ops.QueueSqlCommand(AnalyticsSql.InsertSignal, org, p.EventId!, p.PersonId, p.Metric, p.Value, Db(p.Unit), Utc(p.OccurredAt));
                break;
            case PersonErased x:
                ops.QueueSqlCommand(AnalyticsSql.MarkErased, Utc(x.OccurredAt), org, x.PersonId);
                break;
            case RoiAssumptionSet r:
                ops.QueueSqlCommand(AnalyticsSql.UpsertAssumption, org, r.Name, r.Value, Db(r.Unit), Db(r.Note), Utc(r.OccurredAt), r.EventId!);
                break;
            case ProgramCost c:
                ops.QueueSqlCommand(AnalyticsSql.InsertCost, org, c.EventId!, c.ProgramId, c.Amount, c.Currency, Db(c.Category), Utc(c.OccurredAt));
                break;
        }
        return ValueTask.CompletedTask;
    }

    /// <param name="whereArgs">org, person, then the skill expression's arguments.</param>
    private static void Recompute(IDocumentOperations ops, string skill, object[] whereArgs)
    {
        ops.QueueSqlCommand(AnalyticsSql.DeleteLevel(skill), whereArgs);
        ops.QueueSqlCommand(AnalyticsSql.InsertLevel(skill), whereArgs);
        ops.QueueSqlCommand(AnalyticsSql.DeleteGrowth(skill), whereArgs);
        ops.QueueSqlCommand(AnalyticsSql.InsertGrowth(skill), whereArgs);
    }

    // timestamptz parameters must be UTC (Npgsql refuses other offsets); the instant is unchanged.
    private static DateTimeOffset Utc(DateTimeOffset t) => t.ToUniversalTime();

    // QueueSqlCommand needs a typed null for optional values.
    private static object Db(string? value) => (object?)value ?? DBNull.Value;
    private static object Db(decimal? value) => value.HasValue ? value.Value : DBNull.Value;
}
