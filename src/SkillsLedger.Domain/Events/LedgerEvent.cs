namespace SkillsLedger.Domain.Events;

/// <summary>
/// Facts every ledger event carries (contract v1). <see cref="OccurredAt"/> is business time — when it
/// happened — and is distinct from the ledger's own recordedAt, which Marten stamps when the event is stored.
/// Each event type lives in one file (Events/People, Events/Catalogue): its record, how it is read from the wire
/// (<see cref="IReadableEvent{TSelf}"/>), the rules on its own values and its personal-data fields.
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

    /// <summary>Rules on this event's own values that need no ledger state: (field, message) for each one broken.</summary>
    IEnumerable<(string Field, string Message)> Violations() => [];

    /// <summary>The skills this event names that must be defined in the catalogue (the ledger looks them up before the rules run).</summary>
    IEnumerable<string> SkillsReferenced() => [];
}

/// <summary>An event about one person; stored in that person's stream.</summary>
public interface IPersonEvent : ILedgerEvent
{
    string PersonId { get; }

    /// <summary>Whether the event carries personal data (encrypted with the person's key, erasable).</summary>
    bool HasPersonalData() => false;

    /// <summary>A copy with each personal field passed through <paramref name="protect"/> (encryption); others unchanged.</summary>
    IPersonEvent MapPersonalData(Func<string?, string?> protect) => this;
}

/// <summary>An event about the organisation's catalogue (skills, roles, programmes, assumptions).</summary>
public interface ICatalogueEvent : ILedgerEvent
{
    /// <summary>The catalogue stream this event belongs to, e.g. "skill:csharp".</summary>
    string CatalogueStreamKey { get; }
}

/// <summary>An event type a client may send: how it is read from its wire format (the fields every event has are read already).</summary>
public interface IReadableEvent<out TSelf> where TSelf : ILedgerEvent
{
    static abstract TSelf Read(Validation.EventFields f);
}

/// <summary>
/// An event the ledger derived from an xAPI statement (issue 17): the statement's id, so lineage and audits lead back
/// to it. Its event id is derived from the statement id as well, so a statement sent again adds nothing.
/// </summary>
public interface IFromStatement
{
    string? SourceStatementId { get; }
}
