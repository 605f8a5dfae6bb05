namespace SkillsLedger.Domain.Events;

/// <summary>
/// Facts every ledger event carries (contract v1). <see cref="OccurredAt"/> is business time — when it
/// happened — and is distinct from the ledger's own recordedAt, which Marten stamps when the event is stored.
/// </summary>
public interface ILedgerEvent
{
    /// <summary>Client id, unique per organisation; the ledger assigns one when the client sends none.</summary>
    string? EventId { get; }
    DateTimeOffset OccurredAt { get; }
    /// <summary>The system the fact came from (HRIS, LMS, …), when known.</summary>
    string? Source { get; }

    /// <summary>The contract's snake_case type name (also the Marten event type alias).</summary>
    string Type => EventTypes.NameOf(GetType());

    /// <summary>Returns a copy carrying the given event id (events are immutable records).</summary>
    ILedgerEvent WithEventId(string eventId);
}

/// <summary>An event about one person; stored in that person's stream.</summary>
public interface IPersonEvent : ILedgerEvent
{
    string PersonId { get; }
}

/// <summary>An event about the organisation's catalogue (skills, roles, programmes, assumptions).</summary>
public interface ICatalogueEvent : ILedgerEvent
{
    /// <summary>The catalogue stream this event belongs to, e.g. "skill:csharp".</summary>
    string CatalogueStreamKey { get; }
}
