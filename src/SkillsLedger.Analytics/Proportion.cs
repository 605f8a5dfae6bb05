namespace SkillsLedger.Analytics;

/// <summary>Estimates for a binomial proportion.</summary>
public static class Proportion
{
    /// <summary>
    /// Computes the Wilson score interval for a binomial proportion:
    /// (p̂ + z²/(2n) ± z √(p̂(1 − p̂)/n + z²/(4n²))) / (1 + z²/n), with z = Φ⁻¹(1 − (1 − level)/2).
    /// </summary>
    /// <remarks>
    /// Wilson (1927), "Probable inference, the law of succession, and statistical inference", JASA 22;
    /// method 3 in Newcombe (1998), "Two-sided confidence intervals for the single proportion", Stat. Med. 17.
    /// </remarks>
    /// <param name="successes">Number of successes, 0 ≤ successes ≤ n.</param>
    /// <param name="n">Number of trials, &gt; 0.</param>
    /// <param name="level">Two-sided confidence level in (0, 1); default 0.95.</param>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0, successes outside [0, n], or level outside (0, 1).</exception>
    public static ProportionInterval WilsonInterval(int successes, int n, double level = 0.95)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be positive.");
        if (successes < 0 || successes > n) throw new ArgumentOutOfRangeException(nameof(successes), successes, "successes must lie in [0, n].");
        ConfidenceLevel.Validate(level, nameof(level));

        var z = ConfidenceLevel.NormalCritical(level);
        var z2 = z * z;
        double total = n;
        var p = successes / total;
        var denominator = 1.0 + z2 / total;
        var centre = (p + z2 / (2.0 * total)) / denominator;
        var halfWidth = z * Math.Sqrt(p * (1.0 - p) / total + z2 / (4.0 * total * total)) / denominator;

        var low = successes == 0 ? 0.0 : Math.Max(0.0, centre - halfWidth);
        var high = successes == n ? 1.0 : Math.Min(1.0, centre + halfWidth);
        return new ProportionInterval(p, low, high);
    }
}
