using SkillsLedger.Analytics.People;

namespace SkillsLedger.Analytics.Roi;

/// <summary>A monetary assumption as recorded on the ledger (roi_assumption_set), with the event that set it.</summary>
public sealed record Assumption(string Name, double Value, string? Unit, string? Note, string EventId);

/// <summary>A performance signal: a monthly total of one metric for one person.</summary>
public sealed record SignalRecord(string PersonId, string Metric, DateTimeOffset At, double Value);

public sealed record ProgramCostRecord(string ProgramId, double Amount, string Currency, string EventId);

/// <summary>
/// Everything the ROI of one programme is computed from. Work that does not depend on the programme (the signals'
/// layout, role groups, the landmark cohort) is shared by every programme computed from the same People and Signals
/// objects: pass the same instances for ROI of every programme.
/// </summary>
public sealed record RoiInputs(
    string ProgramId, IReadOnlyList<EmployeeHistory> People, PerformanceSignals Signals,
    IReadOnlyList<ProgramCostRecord> Costs, IReadOnlyDictionary<string, Assumption> Assumptions, DateTimeOffset AsOf,
    int LandmarkDays = 90, int HorizonMonths = 12, int WindowDays = 90, int MinGroupSize = 5);

/// <summary>The ROI cannot be computed as asked: names every missing assumption or inconsistent input.</summary>
public sealed class RoiInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
