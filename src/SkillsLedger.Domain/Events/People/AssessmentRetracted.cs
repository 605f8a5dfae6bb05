namespace SkillsLedger.Domain.Events;

/// <summary>A correction: the named assessment no longer counts. Nothing is ever updated or deleted.</summary>
public sealed record AssessmentRetracted(
    string PersonId, string RetractsEventId, string Reason,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null, string? SourceStatementId = null) : IPersonEvent, IFromStatement, IReadableEvent<AssessmentRetracted>
{
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    public static AssessmentRetracted Read(Validation.EventFields f) => new(
        f.PersonId(), f.RequiredString("retractsEventId", Validation.EventReader.MaxEventIdLength), f.RequiredString("reason", 1000),
        f.OccurredAt, f.EventId, f.Source, f.SourceStatementId());
}
