namespace SkillsLedger.Analytics;

/// <summary>Significance test for a Pearson (or point-biserial) correlation coefficient.</summary>
public static class CorrelationTest
{
    /// <summary>
    /// Tests H₀: ρ = 0 with t = r √((n − 2)/(1 − r²)), which follows Student's t with n − 2 degrees of freedom
    /// under bivariate normality (Fisher 1915; e.g. Sokal &amp; Rohlf, "Biometry", §15.5). The p-value is two-sided.
    /// </summary>
    /// <param name="r">Sample correlation in [−1, 1]; |r| = 1 gives t = ±∞ and p = 0.</param>
    /// <param name="n">Number of pairs, &gt; 2.</param>
    /// <exception cref="ArgumentOutOfRangeException">r outside [−1, 1] or n ≤ 2.</exception>
    public static CorrelationTTest TTest(double r, int n)
    {
        FisherZ.ValidateCorrelation(r);
        if (n <= 2) throw new ArgumentOutOfRangeException(nameof(n), n, "n must exceed 2.");

        var df = n - 2;
        var oneMinusRSquared = (1.0 - r) * (1.0 + r);
        var t = oneMinusRSquared == 0
            ? (r > 0 ? double.PositiveInfinity : double.NegativeInfinity)
            : r * Math.Sqrt(df / oneMinusRSquared);
        return new CorrelationTTest(t, df, StudentT.TwoSidedPValue(t, df));
    }
}
