namespace SkillsLedger.Analytics.People;

/// <summary>One completed course, as retention and ROI analyses see it.</summary>
public sealed record LearningRecord(string? ProgramId, DateTimeOffset CompletedAt, double Hours);

/// <summary>One person's employment and learning, assembled from the ledger by the caller.</summary>
/// <param name="Generation">The person's generation cohort (<see cref="People.Generation"/>) when the caller loaded it
/// (it comes from encrypted personal data, so only analyses by generation load it); null = not loaded.</param>
public sealed record EmployeeHistory(
    string PersonId, string? Department, string? Role, DateTimeOffset HiredAt, DateTimeOffset? LeftAt, double? MonthlySalary,
    IReadOnlyList<LearningRecord> Learning, string? Generation = null)
{
    public bool EmployedDuring(DateTimeOffset from, DateTimeOffset to) => HiredAt <= to && (LeftAt is null || LeftAt >= from);
}
