using System.Text.Json.Serialization;

namespace SkillsLedger.Domain.Events;

/// <summary>A strategic goal no longer applies (contract v1.1); its history stays on the ledger.</summary>
public sealed record StrategicGoalRetired(
    string GoalId, string Reason,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : ICatalogueEvent, IReadableEvent<StrategicGoalRetired>
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.Goal(GoalId);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    public static StrategicGoalRetired Read(Validation.EventFields f) => new(
        f.RequiredId("goalId"), f.RequiredString("reason", 1000), f.OccurredAt, f.EventId, f.Source);
}
