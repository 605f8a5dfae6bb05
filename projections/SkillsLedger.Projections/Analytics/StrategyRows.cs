using JasperFx.Events;
using Marten;
using SkillsLedger.Domain.Events;

namespace SkillsLedger.Projections.Analytics;

/// <summary>
/// The targets of a goal revision as analytics rows (statement in <c>AnalyticsSql.Strategy.cs</c>). The revision itself,
/// the catalogue and retirements are tables their events declare (<see cref="DeclaredTables"/>); a target's scope needs
/// this code because it becomes a kind and a value that no single field holds.
/// </summary>
internal static class StrategyRows
{
    public static void QueueTargets(IDocumentOperations ops, string org, IEvent e)
    {
        var g = (StrategicGoalSet)e.Data;
        for (var k = 0; k < g.Targets.Count; k++)
        {
            var t = g.Targets[k];
            var (kind, value) = Scope(t.Scope);
            ops.QueueSqlCommand(AnalyticsSql.InsertGoalTarget, org, g.EventId!, k, g.GoalId, t.Skill, t.Level, t.Headcount, kind, (object?)value ?? DBNull.Value);
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
}
