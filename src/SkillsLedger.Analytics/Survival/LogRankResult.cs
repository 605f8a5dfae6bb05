namespace SkillsLedger.Analytics;

/// <summary>Result of a k-group log-rank test.</summary>
/// <param name="Chi2">The statistic (O − E)ᵀ V⁻¹ (O − E) over the first k − 1 groups.</param>
/// <param name="Df">Degrees of freedom, k − 1.</param>
/// <param name="P">Upper-tail χ²(Df) probability of <paramref name="Chi2"/>.</param>
/// <param name="Groups">Per-group totals, ordered by label (ordinal).</param>
public sealed record LogRankResult(double Chi2, int Df, double P, IReadOnlyList<LogRankGroup> Groups);
