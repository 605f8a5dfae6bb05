using System.Text.Json.Serialization;

namespace SkillsLedger.Domain.Events;

/// <summary>
/// A learning programme and the strategic goals it serves (contract v1.1; the list may be empty: spend on programmes
/// linked to no goal is reported as unlinked). Defining it again revises it. Shares the programme's stream with its costs.
/// </summary>
public sealed record ProgramDefined(
    string ProgramId, string Name, IReadOnlyList<string> Goals, string? Owner,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : ICatalogueEvent, IReadableEvent<ProgramDefined>, IAnalyticsEvent
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.Program(ProgramId);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    /// <summary>analytics.program and analytics.program_goal: programmes as they stand and the goals they serve.</summary>
    public static IReadOnlyList<IEventTable> AnalyticsTables { get; } =
    [
        EventTable.LatestPerKey<ProgramDefined>("program",
                "Learning programmes (latest program_defined per programme). Costs are in analytics.program_cost.")
            .Key("program_id", e => e.ProgramId, "Programme id as in program_cost and course_completed.")
            .Required("name", e => e.Name, "Display name.")
            .Optional("owner", e => e.Owner, "Owner named in program_defined, if any.")
            .Required("defined_at", e => e.OccurredAt, "occurredAt of the program_defined event in force.")
            .Required("event_id", e => e.EventId, "eventId of the program_defined event in force."),
        EventTable.LatestPerKey<ProgramDefined>("program_goal", "Which strategic goals each programme serves (from the program_defined in force).")
            .Key("program_id", e => e.ProgramId, "Programme (joins analytics.program).")
            .Each(e => e.Goals)
            .ItemItselfKey("goal_id", "Goal (joins analytics.strategic_goal)."),
    ];

    public static ProgramDefined Read(Validation.EventFields f) => new(
        f.RequiredId("programId"), f.RequiredString("name"), f.OptionalStringList("goals", 50, Validation.EventReader.MaxIdLength) ?? [],
        f.OptionalString("owner"), f.OccurredAt, f.EventId, f.Source);

    public IEnumerable<(string Field, string Message)> Violations()
    {
        foreach (var dup in Goals.GroupBy(g => g).Where(g => g.Count() > 1))
            yield return ("goals", $"lists goal '{dup.Key}' more than once");
    }
}
