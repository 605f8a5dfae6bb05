namespace SkillsLedger.Analytics.People;

/// <summary>One completed course, as retention and ROI analyses see it.</summary>
public sealed record LearningRecord(string? ProgramId, DateTimeOffset CompletedAt, double Hours);

/// <summary>One person's employment and learning, assembled from the ledger by the caller.</summary>
public sealed record EmployeeHistory(
    string PersonId, string? Department, string? Role, DateTimeOffset HiredAt, DateTimeOffset? LeftAt, double? MonthlySalary,
    IReadOnlyList<LearningRecord> Learning)
{
    public bool EmployedDuring(DateTimeOffset from, DateTimeOffset to) => HiredAt <= to && (LeftAt is null || LeftAt >= from);
}
