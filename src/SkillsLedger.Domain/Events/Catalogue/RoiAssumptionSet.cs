using System.Text.Json.Serialization;

namespace SkillsLedger.Domain.Events;

/// <summary>A monetary assumption ROI uses, kept on the ledger so auditors can trace it (later values supersede earlier ones).</summary>
public sealed record RoiAssumptionSet(
    string Name, decimal Value, string? Unit, string? Note,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : ICatalogueEvent, IReadableEvent<RoiAssumptionSet>
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.RoiAssumption(Name);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    public static RoiAssumptionSet Read(Validation.EventFields f) => new(
        f.RequiredId("name"), f.RequiredDecimal("value"), f.OptionalString("unit", 50), f.OptionalString("note", 1000),
        f.OccurredAt, f.EventId, f.Source);
}
