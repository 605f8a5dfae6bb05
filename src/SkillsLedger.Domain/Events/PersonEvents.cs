namespace SkillsLedger.Domain.Events;

public enum AssessmentMethod { Self, Peer, Manager, Test, Certification, Inferred }

public enum LeavingReason { Voluntary, Involuntary, Other }

/// <remarks>DisplayName and Email are personal data: stored encrypted with the person's key, erasable.</remarks>
public sealed record PersonHired(
    string PersonId, string Department, string Role, string? Team, decimal? MonthlySalary,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null, string? DisplayName = null, string? Email = null) : IPersonEvent
{
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };
}

/// <summary>
/// The person's personal data was erased (GDPR Art. 17): their key is destroyed, so the encrypted fields of their
/// events can no longer be read. Recorded by the ledger itself (POST /api/people/{personId}/erase), never sent by clients.
/// </summary>
public sealed record PersonErased(string PersonId, string? Reason, DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : IPersonEvent
{
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };
}

/// <summary>A change of department, role or team; fields left out are unchanged.</summary>
public sealed record PersonMoved(
    string PersonId, string? Department, string? Role, string? Team,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : IPersonEvent
{
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };
}

public sealed record PersonLeft(
    string PersonId, LeavingReason Reason,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : IPersonEvent
{
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };
}

/// <summary>One rating of one person on one skill, on that skill's own scale, by a named method.</summary>
public sealed record SkillAssessed(
    string PersonId, string Skill, decimal Level, AssessmentMethod Method, string? AssessorId, string? Evidence,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : IPersonEvent
{
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };
}

/// <summary>A correction: the named assessment no longer counts. Nothing is ever updated or deleted.</summary>
public sealed record AssessmentRetracted(
    string PersonId, string RetractsEventId, string Reason,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : IPersonEvent
{
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };
}

public sealed record CourseCompleted(
    string PersonId, string CourseId, string? ProgramId, decimal Hours, decimal? Score, IReadOnlyList<string>? Skills,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : IPersonEvent
{
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };
}

/// <summary>A measured outcome (e.g. tickets resolved in a month) used by ROI's difference in differences.</summary>
public sealed record PerformanceSignal(
    string PersonId, string Metric, decimal Value, string? Unit,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : IPersonEvent
{
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };
}
