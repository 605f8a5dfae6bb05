namespace SkillsLedger.Domain.Events;

/// <summary>A measured outcome (e.g. tickets resolved in a month) used by ROI's difference in differences.</summary>
public sealed record PerformanceSignal(
    string PersonId, string Metric, decimal Value, string? Unit,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : IPersonEvent, IReadableEvent<PerformanceSignal>
{
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    public static PerformanceSignal Read(Validation.EventFields f) => new(
        f.PersonId(), f.RequiredId("metric"), f.RequiredDecimal("value"), f.OptionalString("unit", 50), f.OccurredAt, f.EventId, f.Source);
}
