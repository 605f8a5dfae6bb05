namespace SkillsLedger.Analytics;

/// <summary>Result of the t test of zero correlation.</summary>
/// <param name="T">Statistic t = r √((n − 2)/(1 − r²)).</param>
/// <param name="Df">Degrees of freedom n − 2.</param>
/// <param name="PValue">Two-sided p-value P(|T| ≥ |t|) under T ~ t(n − 2).</param>
public sealed record CorrelationTTest(double T, int Df, double PValue);
