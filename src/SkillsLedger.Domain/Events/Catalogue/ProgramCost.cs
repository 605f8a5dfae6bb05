using System.Text.Json.Serialization;

namespace SkillsLedger.Domain.Events;

/// <summary>Money spent on a learning programme (facilitators, licences, venues…).</summary>
public sealed record ProgramCost(
    string ProgramId, decimal Amount, string Currency, string? Category,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : ICatalogueEvent, IReadableEvent<ProgramCost>
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.Program(ProgramId);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    public static ProgramCost Read(Validation.EventFields f) => new(
        f.RequiredId("programId"), f.RequiredDecimal("amount"), f.RequiredString("currency", 3), f.OptionalString("category"),
        f.OccurredAt, f.EventId, f.Source);

    public IEnumerable<(string Field, string Message)> Violations()
    {
        if (Amount < 0) yield return ("amount", "must be ≥ 0");
        if (!Validation.Currencies.IsIso4217(Currency)) yield return ("currency", $"'{Currency}' is not an ISO 4217 currency code (e.g. EUR, USD, GBP)");
    }
}
