namespace SkillsLedger.Analytics.Careers;

/// <summary>Median and quartiles of a sample, with its size: how the route figures (months, hours, fit) are summarised.</summary>
public sealed record SampleSummary(int N, double Median, double P25, double P75);

public static class Quantiles
{
    /// <summary>
    /// The p-quantile by linear interpolation between order statistics (Hyndman–Fan type 7, the default of R and
    /// numpy): h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) over the sorted values.
    /// </summary>
    public static double Of(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) throw new ArgumentException("no values", nameof(sorted));
        if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "p must lie in [0, 1].");
        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        return lo + 1 < sorted.Count ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
    }

    /// <summary>n, median and interquartile range; null for an empty sample.</summary>
    public static SampleSummary? Summarise(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null : new SampleSummary(sorted.Count, Of(sorted, 0.5), Of(sorted, 0.25), Of(sorted, 0.75));
    }
}
