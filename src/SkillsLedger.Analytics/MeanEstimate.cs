namespace SkillsLedger.Analytics;

/// <summary>
/// Sample mean with its t-based two-sided confidence interval.
/// </summary>
/// <param name="N">Number of observations.</param>
/// <param name="Mean">Arithmetic mean x̄.</param>
/// <param name="StdDev">Sample standard deviation s = √(Σ(x − x̄)² / (n − 1)); NaN when n &lt; 2.</param>
/// <param name="StdError">Standard error of the mean s / √n; NaN when n &lt; 2.</param>
/// <param name="CiLow">Lower bound x̄ − t·s/√n, or null when n &lt; 2.</param>
/// <param name="CiHigh">Upper bound x̄ + t·s/√n, or null when n &lt; 2.</param>
/// <param name="Df">Degrees of freedom n − 1 (0 when n &lt; 2).</param>
/// <param name="Level">Confidence level of the interval, e.g. 0.95.</param>
public sealed record MeanEstimate(
    int N,
    double Mean,
    double StdDev,
    double StdError,
    double? CiLow,
    double? CiHigh,
    int Df,
    double Level);
