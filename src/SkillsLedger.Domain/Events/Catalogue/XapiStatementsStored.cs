using System.Text.Json.Serialization;

namespace SkillsLedger.Domain.Events;

/// <summary>
/// xAPI statements the LRS stored in one request, by id and SHA-256 of their stored JSON (lowercase hex): the event puts
/// the statements inside the organisation's hash chain, so `verify` detects a statement changed, added or deleted outside
/// the ledger. Only hashes: no statement content, hence no personal data. Recorded by the ledger itself (no reader).
/// </summary>
public sealed record XapiStatementsStored(IReadOnlyList<string> StatementIds, IReadOnlyList<string> Hashes,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : ICatalogueEvent
{
    /// <summary>One stream per request, named by its first new statement: LRS requests never contend for a stream.</summary>
    [JsonIgnore] public string CatalogueStreamKey => "xapi-statements:" + StatementIds[0];
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };
}
