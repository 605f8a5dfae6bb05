namespace SkillsLedger.Analytics;

/// <summary>A fitted straight line y = Intercept + Slope · x.</summary>
/// <param name="Slope">Estimated slope b = Sxy / Sxx.</param>
/// <param name="Intercept">Estimated intercept a = ȳ − b x̄.</param>
/// <param name="N">Number of points used.</param>
public sealed record LinearFit(double Slope, double Intercept, int N);
