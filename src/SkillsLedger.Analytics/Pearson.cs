namespace SkillsLedger.Analytics;

/// <summary>Pearson product-moment correlation.</summary>
public static class Pearson
{
    /// <summary>
    /// Computes r = Sxy / √(Sxx · Syy) with Sxx = Σ(x − x̄)², Syy = Σ(y − ȳ)², Sxy = Σ(x − x̄)(y − ȳ)
    /// (Pearson 1896). With a 0/1 variable this is the point-biserial correlation.
    /// </summary>
    /// <remarks>Centred two-pass sums for numerical stability; the result is clamped to [−1, 1].</remarks>
    /// <param name="xs">First variable.</param>
    /// <param name="ys">Second variable, same length as <paramref name="xs"/>.</param>
    /// <exception cref="ArgumentException">Lengths differ, fewer than two pairs, a non-finite value, or either variable constant.</exception>
    public static double Correlation(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        if (xs.Count != ys.Count) throw new ArgumentException("xs and ys must have the same length.", nameof(ys));
        var n = xs.Count;
        if (n < 2) throw new ArgumentException("At least two pairs are required.", nameof(xs));

        var sumX = 0.0;
        var sumY = 0.0;
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i])) throw new ArgumentException($"Pair {i} is not finite.", nameof(xs));
            sumX += xs[i];
            sumY += ys[i];
        }

        var meanX = sumX / n;
        var meanY = sumY / n;
        double sxx = 0, syy = 0, sxy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = xs[i] - meanX;
            var dy = ys[i] - meanY;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }

        if (sxx == 0 || syy == 0) throw new ArgumentException("A constant variable has no correlation.", sxx == 0 ? nameof(xs) : nameof(ys));
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1.0, 1.0);
    }
}
