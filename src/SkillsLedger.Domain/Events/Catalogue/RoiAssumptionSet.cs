using System.Text.Json.Serialization;

namespace SkillsLedger.Domain.Events;

/// <summary>A monetary assumption ROI uses, kept on the ledger so auditors can trace it (later values supersede earlier ones).</summary>
public sealed record RoiAssumptionSet(
    string Name, decimal Value, string? Unit, string? Note,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : ICatalogueEvent, IReadableEvent<RoiAssumptionSet>, IAnalyticsEvent
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.RoiAssumption(Name);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    /// <summary>analytics.roi_assumption: the value in force per name, with the event that set it.</summary>
    public static IReadOnlyList<IEventTable> AnalyticsTables { get; } =
    [
        EventTable.LatestPerKey<RoiAssumptionSet>("roi_assumption",
                "Monetary assumptions ROI uses (latest roi_assumption_set per name), with the event that set them.")
            .Key("name", e => e.Name, "Assumption name, e.g. loaded_hourly_cost, replacement_cost_months, value_per_unit:tickets_resolved.")
            .Required("value", e => e.Value, "Value in force.")
            .Optional("unit", e => e.Unit, "Unit, e.g. EUR/hour, if given.")
            .Optional("note", e => e.Note, "Note given with it (source, approval), if any.")
            .Required("set_at", e => e.OccurredAt, "occurredAt of the roi_assumption_set event in force.")
            .Required("event_id", e => e.EventId, "eventId of the roi_assumption_set event in force (for auditors)."),
    ];

    public static RoiAssumptionSet Read(Validation.EventFields f) => new(
        f.RequiredId("name"), f.RequiredDecimal("value"), f.OptionalString("unit", 50), f.OptionalString("note", 1000),
        f.OccurredAt, f.EventId, f.Source);
}
