namespace SkillsLedger.Analytics;

public static partial class SpecialFunctions
{
    /// <summary>Below this argument the Stirling-based forms are not used.</summary>
    private const double StirlingThreshold = 10.0;

    /// <summary>
    /// Computes the Stirling remainder δ(x) = ln Γ(x) − [(x − ½) ln x − x + ½ ln(2π)] for x ≥ 10 from its
    /// asymptotic series 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) (DLMF 5.11.1; error &lt; 1e-16 at x = 10).
    /// </summary>
    private static double StirlingRemainder(double x)
    {
        var inverse = 1.0 / x;
        var inverseSquared = inverse * inverse;
        return inverse * (1.0 / 12 - inverseSquared * (1.0 / 360 - inverseSquared * (1.0 / 1260 - inverseSquared / 1680)));
    }

    /// <summary>
    /// Computes ln Γ(big) − ln Γ(big + small) for big ≥ 10 without the cancellation of two huge logarithms:
    /// −(big − ½) ln(1 + small/big) − small ln(big + small) + small + δ(big) − δ(big + small).
    /// </summary>
    private static double LogGammaRatio(double big, double small) =>
        -(big - 0.5) * LogOnePlus(small / big) - small * Math.Log(big + small) + small
        + StirlingRemainder(big) - StirlingRemainder(big + small);

    /// <summary>
    /// Computes u − ln(1 + u) accurately, including for small |u| where both terms nearly cancel
    /// (Taylor series Σ_{k≥2} (−1)^k u^k / k, DLMF 4.6.1).
    /// </summary>
    private static double LogOnePlusComplement(double u)
    {
        if (Math.Abs(u) >= 0.5) return u - LogOnePlus(u);
        var power = u * u;
        var sum = 0.0;
        for (var k = 2; k < 200; k++)
        {
            var term = power / k;
            sum += (k % 2 == 0) ? term : -term;
            if (Math.Abs(term) < 1e-17 * Math.Abs(sum)) break;
            power *= u;
        }

        return sum;
    }
}
