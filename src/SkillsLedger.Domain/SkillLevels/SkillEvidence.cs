using SkillsLedger.Domain.Events;

namespace SkillsLedger.Domain.SkillLevels;

/// <summary>Who recorded a stored event and when: the ledger's own facts about it.</summary>
public sealed record Provenance(long Sequence, string EventId, DateTimeOffset RecordedAt, string? RecordedBy, string? Source,
    string? SourceStatementId = null);

/// <summary>One stored skill_assessed event, as the derivation sees it.</summary>
public sealed record AssessmentEvidence(Provenance Stored, string Skill, DateTimeOffset OccurredAt, AssessmentMethod Method, decimal Level);

/// <summary>One stored assessment_retracted event.</summary>
public sealed record RetractionEvidence(Provenance Stored, string RetractsEventId, string Reason, DateTimeOffset OccurredAt);

/// <summary>A rule's identity, stored with every figure it produced so old figures stay explainable.</summary>
public sealed record RuleId(string Name, int Version);
