namespace SkillsLedger.Analytics;

/// <summary>Ordinary least-squares line fitting.</summary>
public static class LeastSquares
{
    /// <summary>
    /// Fits y = a + b x by ordinary least squares: b = Sxy / Sxx and a = ȳ − b x̄, where
    /// Sxx = Σ(x − x̄)² and Sxy = Σ(x − x̄)(y − ȳ).
    /// </summary>
    /// <remarks>
    /// Normal equations of simple linear regression (e.g. Draper &amp; Smith, "Applied Regression Analysis", ch. 1),
    /// computed from centred sums for numerical stability.
    /// </remarks>
    /// <param name="points">The (X, Y) pairs; at least two, all finite.</param>
    /// <exception cref="ArgumentException">Fewer than two points, a non-finite coordinate, or all X equal.</exception>
    public static LinearFit Slope(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Count;
        if (n < 2) throw new ArgumentException("At least two points are required.", nameof(points));

        var sumX = 0.0;
        var sumY = 0.0;
        for (var i = 0; i < n; i++)
        {
            var (x, y) = points[i];
            if (!double.IsFinite(x) || !double.IsFinite(y)) throw new ArgumentException($"points[{i}] is not finite.", nameof(points));
            sumX += x;
            sumY += y;
        }

        var meanX = sumX / n;
        var meanY = sumY / n;
        var sxx = 0.0;
        var sxy = 0.0;
        for (var i = 0; i < n; i++)
        {
            var dx = points[i].X - meanX;
            sxx += dx * dx;
            sxy += dx * (points[i].Y - meanY);
        }

        if (sxx == 0) throw new ArgumentException("All X values are equal; the slope is undefined.", nameof(points));

        var slope = sxy / sxx;
        return new LinearFit(slope, meanY - slope * meanX, n);
    }
}
