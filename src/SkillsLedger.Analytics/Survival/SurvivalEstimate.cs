namespace SkillsLedger.Analytics;

/// <summary>A survival probability with a two-sided confidence interval; deconstructs as (S, Low, High).</summary>
/// <param name="S">Estimated survival probability S(t), in [0, 1].</param>
/// <param name="Low">Lower bound, or null where the interval is undefined (S = 1 or S = 0, see <see cref="KaplanMeier"/>).</param>
/// <param name="High">Upper bound, or null where the interval is undefined.</param>
public sealed record SurvivalEstimate(double S, double? Low, double? High);
