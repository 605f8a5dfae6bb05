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
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : ICatalogueEvent, IReadableEvent<StrategicGoalSet>
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.Goal(GoalId);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

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
