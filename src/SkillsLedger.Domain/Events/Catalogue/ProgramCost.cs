using System.Text.Json.Serialization;

namespace SkillsLedger.Domain.Events;

/// <summary>
/// Money spent on a learning programme (facilitators, licences, venues…). The reference (v1.2) is the invoice or
/// purchase-order number the cost is booked under, so an auditor can match each amount in an ROI figure to finance's books.
/// </summary>
public sealed record ProgramCost(
    string ProgramId, decimal Amount, string Currency, string? Category,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null, string? Reference = null) : ICatalogueEvent, IReadableEvent<ProgramCost>, IAnalyticsEvent
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.Program(ProgramId);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    /// <summary>analytics.program_cost: every amount spent, as sent.</summary>
    public static IReadOnlyList<IEventTable> AnalyticsTables { get; } =
    [
        EventTable.EveryEvent<ProgramCost>("program_cost", "Every program_cost event.")
            .Key("event_id", e => e.EventId, "eventId of the program_cost event.")
            .Required("program_id", e => e.ProgramId, "Programme (joins analytics.course_completion.program_id).")
            .Required("amount", e => e.Amount, "Amount spent, in currency.")
            .Required("currency", e => e.Currency, "ISO 4217 currency code.")
            .Optional("category", e => e.Category, "Cost category, if given (facilitation, licences, venue…).")
            .Required("occurred_at", e => e.OccurredAt, "When the cost was incurred.")
            .Optional("reference", e => e.Reference, "Invoice or purchase-order number the cost is booked under (program_cost.reference), if given."),
    ];

    public static ProgramCost Read(Validation.EventFields f) => new(
        f.RequiredId("programId"), f.RequiredDecimal("amount"), f.RequiredString("currency", 3), f.OptionalString("category"),
        f.OccurredAt, f.EventId, f.Source, f.OptionalString("reference", 100));

    public IEnumerable<(string Field, string Message)> Violations()
    {
        if (Amount < 0) yield return ("amount", "must be ≥ 0");
        if (!Validation.Currencies.IsIso4217(Currency)) yield return ("currency", $"'{Currency}' is not an ISO 4217 currency code (e.g. EUR, USD, GBP)");
    }
}
