namespace SkillsLedger.Domain.SkillLevels;

/// <summary>
/// One event that touched a derived level: included with its weight, or excluded with the reason
/// (occurred after asOf, recorded after knownAt, retracted by another event), or a retraction itself.
/// </summary>
public sealed record DerivationStep(
    long Sequence, string EventId, string Type, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, string? RecordedBy,
    string? Source, string? Method, decimal? Level, double? MethodWeight, double? AgeDays, double? Weight, bool Included, string? Reason,
    string? SourceStatementId = null);

/// <summary>
/// A derived skill level with everything needed to recompute it by hand: Level = Σ weight·level / Σ weight
/// over the included steps.
/// </summary>
public sealed record Derivation(
    RuleId Rule, string Skill, double? Level, double EvidenceWeight, int Assessments, DateTimeOffset? LastAssessedAt,
    IReadOnlyList<DerivationStep> Steps);
