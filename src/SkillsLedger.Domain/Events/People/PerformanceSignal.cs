namespace SkillsLedger.Domain.Events;

/// <summary>A measured outcome (e.g. tickets resolved in a month) used by ROI's difference in differences.</summary>
public sealed record PerformanceSignal(
    string PersonId, string Metric, decimal Value, string? Unit,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : IPersonEvent, IReadableEvent<PerformanceSignal>, IAnalyticsEvent
{
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    /// <summary>analytics.performance_signal: every measurement, as sent.</summary>
    public static IReadOnlyList<IEventTable> AnalyticsTables { get; } =
    [
        EventTable.EveryEvent<PerformanceSignal>("performance_signal", "Every performance_signal event (e.g. monthly totals of a metric).")
            .Key("event_id", e => e.EventId, "eventId of the performance_signal event.")
            .Required("person_id", e => e.PersonId, "Person (joins analytics.person).")
            .Required("metric", e => e.Metric, "Metric name, e.g. tickets_resolved.")
            .Required("value", e => e.Value, "Measured value.")
            .Optional("unit", e => e.Unit, "Unit, e.g. tickets/month, if given.")
            .Required("occurred_at", e => e.OccurredAt, "End of the period measured.")
            .Index("performance_signal_person", "org_id", "person_id", "metric"),
    ];

    public static PerformanceSignal Read(Validation.EventFields f) => new(
        f.PersonId(), f.RequiredId("metric"), f.RequiredDecimal("value"), f.OptionalString("unit", 50), f.OccurredAt, f.EventId, f.Source);
}
