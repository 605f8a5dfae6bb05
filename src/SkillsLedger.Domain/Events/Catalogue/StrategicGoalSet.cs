using System.Text.Json.Serialization;

namespace SkillsLedger.Domain.Events;

/// <summary>Where a target counts people: one department, role or team (at most one of them), or the whole organisation.</summary>
public sealed record TargetScope(string? Department, string? Role, string? Team);

/// <summary>How many people should hold a skill at a level by the goal's due date, optionally within a scope.</summary>
public sealed record GoalTarget(string Skill, decimal Level, int Headcount, TargetScope? Scope);

/// <summary>
/// An organisational goal for tomorrow's skills (contract v1.1): by <see cref="DueDate"/>, so many people at such a level.
/// Setting it again revises it; the goal's stream keeps every revision, so asOf/knownAt views show it as it stood.
/// </summary>
public sealed record StrategicGoalSet(
    string GoalId, string Name, DateOnly DueDate, IReadOnlyList<GoalTarget> Targets, string? Note,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : ICatalogueEvent, IReadableEvent<StrategicGoalSet>, IAnalyticsEvent
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.Goal(GoalId);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    /// <summary>
    /// analytics.strategic_goal: every revision, so a goal can be shown as it stood. Its targets (analytics.strategic_target)
    /// are written by the projection itself: a target's scope becomes a kind and a value, which no one field holds.
    /// </summary>
    public static IReadOnlyList<IEventTable> AnalyticsTables { get; } =
    [
        EventTable.EveryEvent<StrategicGoalSet>("strategic_goal",
                "Every revision of every strategic goal (one row per strategic_goal_set): the goal as it stood at time t is its latest revision with set_at <= t (ties: higher sequence), unless retired by then (analytics.strategic_goal_retirement).")
            .Required("goal_id", e => e.GoalId, "Goal id.")
            .Key("event_id", e => e.EventId, "eventId of this revision (joins analytics.strategic_target).")
            .Logged("sequence", LogFact.Sequence, "Position of the revision in the log.")
            .Required("name", e => e.Name, "Goal name.")
            .Required("due_date", e => e.DueDate, "Date by which the targets should be met.")
            .Optional("note", e => e.Note, "Note given with the revision, if any.")
            .Required("set_at", e => e.OccurredAt, "occurredAt of the revision: from when it holds.")
            .Logged("recorded_at", LogFact.RecordedAt, "When the ledger stored the revision (for knownAt views).")
            .Index("strategic_goal_goal", "org_id", "goal_id", "set_at"),
    ];

    public static StrategicGoalSet Read(Validation.EventFields f) => new(
        f.RequiredId("goalId"), f.RequiredString("name"), f.Fields.RequiredDate("dueDate"), ReadTargets(f), f.OptionalString("note", 1000),
        f.OccurredAt, f.EventId, f.Source);

    public IEnumerable<(string Field, string Message)> Violations()
    {
        if (Targets.Count == 0) yield return ("targets", "must list at least one {skill, level, headcount}");
        for (var k = 0; k < Targets.Count; k++)
        {
            if (Targets[k].Headcount < 1) yield return ($"targets[{k}].headcount", "must be a whole number ≥ 1");
            if (Targets[k].Scope is { } s && new[] { s.Department, s.Role, s.Team }.Count(v => v is not null) != 1)
                yield return ($"targets[{k}].scope", "must name exactly one of department, role, team (or be left out for the whole organisation)");
        }
    }

    public IEnumerable<string> SkillsReferenced() => Targets.Select(t => t.Skill);

    private static List<GoalTarget> ReadTargets(Validation.EventFields f) =>
        f.RequiredObjects("targets", "{skill, level, headcount, scope?}", (r, path) => new GoalTarget(
            r.RequiredString("skill", Validation.EventReader.MaxIdLength), r.RequiredDecimal("level"), r.RequiredInt("headcount"),
            f.OptionalObject(r, path, "scope", s => new TargetScope(
                s.OptionalString("department"), s.OptionalString("role", Validation.EventReader.MaxIdLength), s.OptionalString("team")))));
}
