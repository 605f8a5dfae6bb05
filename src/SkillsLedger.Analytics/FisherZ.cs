namespace SkillsLedger.Analytics;

/// <summary>Fisher's z transformation of a correlation coefficient and the interval built on it.</summary>
public static class FisherZ
{
    /// <summary>Computes z = atanh(r) = ½ ln((1 + r)/(1 − r)) (Fisher 1915/1921).</summary>
    /// <param name="r">Correlation in [−1, 1]; ±1 map to ±∞.</param>
    public static double Transform(double r)
    {
        ValidateCorrelation(r);
        return Math.Atanh(r);
    }

    /// <summary>Computes r = tanh(z), the inverse of <see cref="Transform"/>.</summary>
    /// <param name="z">Transformed value.</param>
    public static double Inverse(double z) => Math.Tanh(z);

    /// <summary>
    /// Computes the two-sided confidence interval for a Pearson (or point-biserial) correlation:
    /// tanh(atanh(r) ± z_{(1+level)/2} / √(n − 3)).
    /// </summary>
    /// <remarks>
    /// atanh(r) is approximately normal with standard error 1/√(n − 3) (Fisher 1921, "On the 'probable error' of a
    /// coefficient of correlation deduced from a small sample", Metron 1).
    /// </remarks>
    /// <param name="r">Sample correlation in [−1, 1].</param>
    /// <param name="n">Number of pairs, &gt; 3.</param>
    /// <param name="level">Two-sided confidence level in (0, 1); default 0.95.</param>
    /// <exception cref="ArgumentOutOfRangeException">r outside [−1, 1], n ≤ 3 or level outside (0, 1).</exception>
    public static CorrelationInterval ConfidenceInterval(double r, int n, double level = 0.95)
    {
        ValidateCorrelation(r);
        if (n <= 3) throw new ArgumentOutOfRangeException(nameof(n), n, "n must exceed 3.");
        ConfidenceLevel.Validate(level, nameof(level));

        var z = Math.Atanh(r);
        var halfWidth = ConfidenceLevel.NormalCritical(level) / Math.Sqrt(n - 3.0);
        return new CorrelationInterval(Math.Tanh(z - halfWidth), Math.Tanh(z + halfWidth));
    }

    internal static void ValidateCorrelation(double r)
    {
        if (!(r >= -1.0 && r <= 1.0)) throw new ArgumentOutOfRangeException(nameof(r), r, "A correlation must lie in [-1, 1].");
    }
}
