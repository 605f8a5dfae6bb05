namespace SkillsLedger.Analytics.Careers;

/// <summary>Difference of two independent sample means with Welch's interval.</summary>
/// <param name="Difference">x̄_a − x̄_b.</param>
/// <param name="Df">Welch–Satterthwaite degrees of freedom.</param>
public sealed record MeanDifferenceEstimate(int Na, int Nb, double Difference, double StdError, double Df, double CiLow, double CiHigh);

public static class MeanDifference
{
    /// <summary>
    /// Welch's two-sample interval: x̄_a − x̄_b ± t_{(1+level)/2, ν} · √(s_a²/n_a + s_b²/n_b), with
    /// ν = (s_a²/n_a + s_b²/n_b)² / ((s_a²/n_a)²/(n_a − 1) + (s_b²/n_b)²/(n_b − 1)).
    /// </summary>
    /// <remarks>Welch (1947), Biometrika 34; e.g. Moore, McCabe &amp; Craig §7.2. Null when either sample has fewer than 2
    /// values or both have no spread (no interval can be given).</remarks>
    public static MeanDifferenceEstimate? Welch(IReadOnlyList<double> a, IReadOnlyList<double> b, double level = 0.95)
    {
        if (a.Count < 2 || b.Count < 2) return null;
        var (ma, va) = MeanVariance(a);
        var (mb, vb) = MeanVariance(b);
        var qa = va / a.Count;
        var qb = vb / b.Count;
        if (qa + qb <= 0) return null;
        var se = Math.Sqrt(qa + qb);
        var df = (qa + qb) * (qa + qb) / (qa * qa / (a.Count - 1) + qb * qb / (b.Count - 1));
        var half = StudentT.Quantile((1 + level) / 2, df) * se;
        return new MeanDifferenceEstimate(a.Count, b.Count, ma - mb, se, df, ma - mb - half, ma - mb + half);
    }

    private static (double Mean, double Variance) MeanVariance(IReadOnlyList<double> x)
    {
        var mean = x.Average();
        return (mean, x.Sum(v => (v - mean) * (v - mean)) / (x.Count - 1));
    }
}
