namespace SkillsLedger.Analytics;

/// <summary>One step of a Kaplan–Meier curve: the estimate holding from <see cref="Time"/> until the next step.</summary>
/// <param name="Time">Distinct observation time (the first step is at 0).</param>
/// <param name="AtRisk">n: subjects with time ≥ <see cref="Time"/>.</param>
/// <param name="Events">d: events at exactly <see cref="Time"/>.</param>
/// <param name="Censored">Subjects censored at exactly <see cref="Time"/> (counted at risk at this time).</param>
/// <param name="Survival">Product-limit estimate S(t) = Π (1 − d/n) over event times ≤ t.</param>
/// <param name="Variance">Greenwood variance S² Σ d/(n(n − d)); null once S = 0 (the last term is 0·∞).</param>
/// <param name="CiLow">Lower log(−log) confidence bound; null where undefined (S = 1 or S = 0).</param>
/// <param name="CiHigh">Upper log(−log) confidence bound; null where undefined (S = 1 or S = 0).</param>
public sealed record KaplanMeierStep(
    double Time,
    int AtRisk,
    int Events,
    int Censored,
    double Survival,
    double? Variance,
    double? CiLow,
    double? CiHigh)
{
    /// <summary>Greenwood standard error √<see cref="Variance"/> of S(t); null when the variance is.</summary>
    public double? StandardError => Variance is { } v ? Math.Sqrt(v) : null;
}
