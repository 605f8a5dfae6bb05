namespace SkillsLedger.Domain.Strategy;

/// <summary>Where a person works from <see cref="OccurredAt"/> on (a hire sets all three; a move changes the fields it names).</summary>
public sealed record Placement(DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, string? Department, string? Role, string? Team, bool IsHire);

/// <summary>A person_left, with when it happened and when the ledger learnt of it.</summary>
public sealed record Departure(DateTimeOffset OccurredAt, DateTimeOffset RecordedAt);

/// <summary>A person's department, role and team at one moment.</summary>
public sealed record Position(string Department, string Role, string? Team);
