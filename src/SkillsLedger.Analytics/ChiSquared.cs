namespace SkillsLedger.Analytics;

/// <summary>The chi-squared distribution with k &gt; 0 degrees of freedom (integer or not).</summary>
public static class ChiSquared
{
    /// <summary>
    /// Computes P(X ≤ x) for X ~ χ²(k), equal to P(k/2, x/2) (Abramowitz &amp; Stegun 26.4.19; DLMF 8.2.4).
    /// </summary>
    /// <param name="x">Value of the statistic; values ≤ 0 give 0.</param>
    /// <param name="degreesOfFreedom">k &gt; 0.</param>
    public static double Cdf(double x, double degreesOfFreedom)
    {
        Validate(degreesOfFreedom);
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0) return 0.0;
        return SpecialFunctions.RegularizedLowerIncompleteGamma(0.5 * degreesOfFreedom, 0.5 * x);
    }

    /// <summary>
    /// Computes the upper-tail probability (survival function, the p-value of a chi-squared test)
    /// P(X ≥ x) = Q(k/2, x/2) (Abramowitz &amp; Stegun 26.4.2 / 26.4.19), with full relative precision for small p.
    /// </summary>
    /// <param name="x">Value of the statistic; values ≤ 0 give 1.</param>
    /// <param name="degreesOfFreedom">k &gt; 0.</param>
    public static double Survival(double x, double degreesOfFreedom)
    {
        Validate(degreesOfFreedom);
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0) return 1.0;
        return SpecialFunctions.RegularizedUpperIncompleteGamma(0.5 * degreesOfFreedom, 0.5 * x);
    }

    /// <summary>
    /// Computes the density f(x) = x^(k/2−1) e^(−x/2) / (2^(k/2) Γ(k/2)) for x &gt; 0 (A&amp;S 26.4.1).
    /// </summary>
    /// <param name="x">Argument; 0 for x &lt; 0.</param>
    /// <param name="degreesOfFreedom">k &gt; 0.</param>
    public static double Density(double x, double degreesOfFreedom)
    {
        Validate(degreesOfFreedom);
        if (x < 0) return 0.0;
        var a = 0.5 * degreesOfFreedom;
        if (x == 0) return a < 1 ? double.PositiveInfinity : a == 1 ? 0.5 : 0.0;
        return Math.Exp((a - 1.0) * Math.Log(x) - 0.5 * x - a * Math.Log(2.0) - SpecialFunctions.LogGamma(a));
    }

    /// <summary>
    /// Computes the quantile: the x ≥ 0 with P(X ≤ x) = p.
    /// </summary>
    /// <remarks>
    /// Solves ln P(X ≤ x) = ln p (p ≤ ½) or ln P(X ≥ x) = ln(1 − p) (p &gt; ½) on a bracket by safeguarded
    /// Newton–bisection, started from the Wilson–Hilferty approximation
    /// x ≈ k (1 − 2/(9k) + z √(2/(9k)))³ (A&amp;S 26.4.17), or from the small-x series x ≈ 2 (p Γ(k/2 + 1))^(2/k).
    /// </remarks>
    /// <param name="p">Probability in [0, 1]; 1 maps to +∞.</param>
    /// <param name="degreesOfFreedom">k &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">p outside [0, 1] or k not positive.</exception>
    public static double Quantile(double p, double degreesOfFreedom)
    {
        Validate(degreesOfFreedom);
        if (double.IsNaN(p)) return double.NaN;
        if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "p must lie in [0, 1].");
        if (p == 0) return 0.0;
        if (p == 1) return double.PositiveInfinity;

        var k = degreesOfFreedom;
        var guess = InitialGuess(p, k);
        var lowerTail = p <= 0.5;
        var target = Math.Log(lowerTail ? p : 1.0 - p);

        // Bracket [lo, hi] with P(X ≤ lo) ≤ p ≤ P(X ≤ hi).
        var lo = 0.0;
        var hi = Math.Max(1.0, guess);
        while (lowerTail ? Cdf(hi, k) < p : Survival(hi, k) > 1.0 - p)
        {
            lo = hi;
            hi *= 2.0;
            if (double.IsInfinity(hi)) return double.MaxValue;
        }

        return MonotoneRootFinder.Solve(
            x =>
            {
                var density = Density(x, k);
                if (lowerTail)
                {
                    var cdf = Cdf(x, k);
                    return (Math.Log(cdf) - target, density / cdf);
                }

                var survival = Survival(x, k);
                return (target - Math.Log(survival), density / survival);
            },
            lo, hi, guess);
    }

    private static double InitialGuess(double p, double k)
    {
        var a = 0.5 * k;
        var z = SpecialFunctions.NormalQuantile(p);
        var c = 2.0 / (9.0 * k);
        var cube = 1.0 - c + z * Math.Sqrt(c);
        var wilsonHilferty = k * cube * cube * cube;
        if (wilsonHilferty > 0) return wilsonHilferty;
        return 2.0 * Math.Exp((Math.Log(p) + SpecialFunctions.LogGamma(a + 1.0)) / a);
    }

    private static void Validate(double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0) || double.IsInfinity(degreesOfFreedom))
        {
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "Degrees of freedom must be positive and finite.");
        }
    }
}
