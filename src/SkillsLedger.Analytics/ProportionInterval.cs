namespace SkillsLedger.Analytics;

/// <summary>An observed proportion with a two-sided confidence interval; deconstructs as (P, Low, High).</summary>
/// <param name="P">Observed proportion successes / n.</param>
/// <param name="Low">Lower confidence bound, in [0, 1].</param>
/// <param name="High">Upper confidence bound, in [0, 1].</param>
public sealed record ProportionInterval(double P, double Low, double High);
