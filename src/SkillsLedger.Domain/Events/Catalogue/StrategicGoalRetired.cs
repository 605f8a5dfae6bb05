using System.Text.Json.Serialization;

namespace SkillsLedger.Domain.Events;

/// <summary>A strategic goal no longer applies (contract v1.1); its history stays on the ledger.</summary>
public sealed record StrategicGoalRetired(
    string GoalId, string Reason,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : ICatalogueEvent, IReadableEvent<StrategicGoalRetired>, IAnalyticsEvent
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.Goal(GoalId);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    /// <summary>analytics.strategic_goal_retirement: every retirement.</summary>
    public static IReadOnlyList<IEventTable> AnalyticsTables { get; } =
    [
        EventTable.EveryEvent<StrategicGoalRetired>("strategic_goal_retirement",
                "strategic_goal_retired events: a goal retired at t is not shown for dates from t on.")
            .Key("event_id", e => e.EventId, "eventId of the strategic_goal_retired event.")
            .Required("goal_id", e => e.GoalId, "Goal retired.")
            .Required("reason", e => e.Reason, "Reason given.")
            .Required("retired_at", e => e.OccurredAt, "occurredAt of the retirement.")
            .Logged("sequence", LogFact.Sequence, "Position of the event in the log."),
    ];

    public static StrategicGoalRetired Read(Validation.EventFields f) => new(
        f.RequiredId("goalId"), f.RequiredString("reason", 1000), f.OccurredAt, f.EventId, f.Source);
}
