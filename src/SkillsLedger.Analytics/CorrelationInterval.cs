namespace SkillsLedger.Analytics;

/// <summary>A two-sided confidence interval for a correlation coefficient; deconstructs as (Low, High).</summary>
/// <param name="Low">Lower bound, in [−1, 1].</param>
/// <param name="High">Upper bound, in [−1, 1].</param>
public sealed record CorrelationInterval(double Low, double High);
