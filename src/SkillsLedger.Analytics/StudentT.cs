namespace SkillsLedger.Analytics;

/// <summary>
/// Student's t distribution with ν &gt; 0 degrees of freedom (integer or not); ν = +∞ is the standard normal.
/// </summary>
public static class StudentT
{
    /// <summary>
    /// Computes P(T ≤ t) for T ~ t(ν).
    /// </summary>
    /// <remarks>
    /// Uses P(|T| ≥ |t|) = I_x(ν/2, ½) with x = ν / (ν + t²) (Abramowitz &amp; Stegun 26.7.1 / DLMF 8.17),
    /// so P(T ≤ t) = 1 − ½ I_x(ν/2, ½) for t ≥ 0 and ½ I_x(ν/2, ½) for t &lt; 0. ν = +∞ gives Φ(t).
    /// </remarks>
    /// <param name="t">Value of the statistic.</param>
    /// <param name="degreesOfFreedom">ν &gt; 0, or <see cref="double.PositiveInfinity"/>.</param>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        ValidateDegreesOfFreedom(degreesOfFreedom);
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsPositiveInfinity(degreesOfFreedom)) return SpecialFunctions.NormalCdf(t);
        var tail = UpperTail(Math.Abs(t), degreesOfFreedom);
        return t < 0 ? tail : 1.0 - tail;
    }

    /// <summary>
    /// Computes the two-sided p-value P(|T| ≥ |t|) = I_x(ν/2, ½), x = ν / (ν + t²) (Abramowitz &amp; Stegun 26.7.1).
    /// </summary>
    /// <param name="t">Value of the statistic.</param>
    /// <param name="degreesOfFreedom">ν &gt; 0, or <see cref="double.PositiveInfinity"/>.</param>
    public static double TwoSidedPValue(double t, double degreesOfFreedom)
    {
        ValidateDegreesOfFreedom(degreesOfFreedom);
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsPositiveInfinity(degreesOfFreedom)) return 2.0 * SpecialFunctions.NormalCdf(-Math.Abs(t));
        return Math.Min(1.0, 2.0 * UpperTail(Math.Abs(t), degreesOfFreedom));
    }

    /// <summary>
    /// Computes the density f(t) = Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) · (1 + t²/ν)^(−(ν+1)/2) (DLMF / A&amp;S 26.7.1).
    /// </summary>
    /// <param name="t">Argument.</param>
    /// <param name="degreesOfFreedom">ν &gt; 0, or <see cref="double.PositiveInfinity"/>.</param>
    public static double Density(double t, double degreesOfFreedom)
    {
        ValidateDegreesOfFreedom(degreesOfFreedom);
        if (double.IsPositiveInfinity(degreesOfFreedom)) return SpecialFunctions.NormalDensity(t);
        var nu = degreesOfFreedom;
        var absT = Math.Abs(t);

        // ln(1 + t²/ν) without overflow for huge |t|.
        var log1pRatio = absT <= Math.Sqrt(nu)
            ? Math.Log(1.0 + absT * absT / nu)
            : 2.0 * Math.Log(absT) - Math.Log(nu) + Math.Log(1.0 + nu / absT / absT);

        var logDensity = SpecialFunctions.LogGamma(0.5 * (nu + 1.0)) - SpecialFunctions.LogGamma(0.5 * nu)
                         - 0.5 * Math.Log(nu * Math.PI) - 0.5 * (nu + 1.0) * log1pRatio;
        return Math.Exp(logDensity);
    }

    /// <summary>
    /// Computes the quantile t_p(ν): the value with P(T ≤ t) = p.
    /// </summary>
    /// <remarks>
    /// Closed forms for ν = 1 (Cauchy: t = tan(π(p − ½))) and ν = 2 (t = (2p − 1)/√(2p(1 − p))); ν = +∞ uses
    /// <see cref="SpecialFunctions.NormalQuantile"/>. Otherwise the upper-tail equation
    /// ln P(T ≥ t) = ln min(p, 1 − p) is solved on a bracket by safeguarded Newton–bisection, started from the
    /// Cornish–Fisher approximation t ≈ z + (z³ + z)/(4ν) (A&amp;S 26.7.5).
    /// </remarks>
    /// <param name="p">Probability in [0, 1]; 0 and 1 map to −∞ and +∞.</param>
    /// <param name="degreesOfFreedom">ν &gt; 0, or <see cref="double.PositiveInfinity"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">p outside [0, 1] or ν not positive.</exception>
    public static double Quantile(double p, double degreesOfFreedom)
    {
        ValidateDegreesOfFreedom(degreesOfFreedom);
        if (double.IsNaN(p)) return double.NaN;
        if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "p must lie in [0, 1].");
        if (double.IsPositiveInfinity(degreesOfFreedom)) return SpecialFunctions.NormalQuantile(p);
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        if (p == 0.5) return 0.0;

        // q = smaller tail probability; exact because 1 − p is exact for p ≥ ½.
        var q = p < 0.5 ? p : 1.0 - p;
        var sign = p < 0.5 ? -1.0 : 1.0;
        return sign * UpperQuantile(q, degreesOfFreedom);
    }

    /// <summary>The t ≥ 0 with P(T ≥ t) = q, for 0 &lt; q &lt; ½.</summary>
    private static double UpperQuantile(double q, double nu)
    {
        if (nu == 1.0) return 1.0 / Math.Tan(Math.PI * q);
        if (nu == 2.0) return (1.0 - 2.0 * q) / Math.Sqrt(2.0 * q * (1.0 - q));

        var z = -SpecialFunctions.NormalQuantile(q);
        var guess = z + (z * z * z + z) / (4.0 * nu);

        // Bracket [lo, hi] with P(T ≥ lo) ≥ q ≥ P(T ≥ hi).
        var lo = 0.0;
        var hi = Math.Max(1.0, guess);
        while (UpperTail(hi, nu) > q)
        {
            lo = hi;
            hi *= 2.0;
            if (double.IsInfinity(hi)) return double.MaxValue;
        }

        var logQ = Math.Log(q);
        return MonotoneRootFinder.Solve(
            t =>
            {
                // h(t) = ln q − ln S(t) is increasing; h′(t) = f(t) / S(t).
                var s = UpperTail(t, nu);
                return (logQ - Math.Log(s), Density(t, nu) / s);
            },
            lo, hi, guess);
    }

    /// <summary>P(T ≥ t) for t ≥ 0: ½ I_x(ν/2, ½) with x = ν/(ν + t²) and 1 − x = t²/(ν + t²) formed without cancellation.</summary>
    internal static double UpperTail(double t, double nu)
    {
        if (double.IsPositiveInfinity(t)) return 0.0;
        double x, y;
        if (t * t <= nu)
        {
            var r = t * t / nu;
            x = 1.0 / (1.0 + r);
            y = r / (1.0 + r);
        }
        else
        {
            var u = nu / t / t;
            x = u / (1.0 + u);
            y = 1.0 / (1.0 + u);
        }

        return 0.5 * SpecialFunctions.RegularizedIncompleteBeta(x, y, 0.5 * nu, 0.5);
    }

    private static void ValidateDegreesOfFreedom(double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "Degrees of freedom must be positive.");
        }
    }
}
