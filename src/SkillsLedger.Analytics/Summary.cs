namespace SkillsLedger.Analytics;

/// <summary>Descriptive summaries of a sample.</summary>
public static class Summary
{
    /// <summary>
    /// Computes the sample mean, sample standard deviation (divisor n − 1), standard error and the two-sided
    /// Student t confidence interval x̄ ± t_{(1+level)/2, n−1} · s/√n.
    /// </summary>
    /// <remarks>
    /// Classical one-sample t interval (Student 1908; e.g. Moore, McCabe &amp; Craig, "Introduction to the Practice
    /// of Statistics", §7.1). The variance is accumulated in two passes (mean first, then squared deviations) for
    /// numerical stability. With n = 1 the mean is returned without a spread or interval.
    /// </remarks>
    /// <param name="values">Observations; must be non-empty and finite.</param>
    /// <param name="level">Two-sided confidence level in (0, 1); default 0.95.</param>
    /// <exception cref="ArgumentException">values empty or containing NaN/∞.</exception>
    /// <exception cref="ArgumentOutOfRangeException">level outside (0, 1).</exception>
    public static MeanEstimate MeanConfidenceInterval(IReadOnlyList<double> values, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        ConfidenceLevel.Validate(level, nameof(level));
        var n = values.Count;
        if (n == 0) throw new ArgumentException("At least one value is required.", nameof(values));

        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(values[i])) throw new ArgumentException($"values[{i}] is not a finite number.", nameof(values));
            sum += values[i];
        }

        var mean = sum / n;
        if (n < 2)
        {
            return new MeanEstimate(n, mean, double.NaN, double.NaN, null, null, 0, level);
        }

        var squares = 0.0;
        for (var i = 0; i < n; i++)
        {
            var deviation = values[i] - mean;
            squares += deviation * deviation;
        }

        var df = n - 1;
        var stdDev = Math.Sqrt(squares / df);
        var stdError = stdDev / Math.Sqrt(n);
        var halfWidth = StudentT.Quantile(ConfidenceLevel.UpperProbability(level), df) * stdError;
        return new MeanEstimate(n, mean, stdDev, stdError, mean - halfWidth, mean + halfWidth, df, level);
    }
}
