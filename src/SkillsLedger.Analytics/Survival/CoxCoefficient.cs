namespace SkillsLedger.Analytics;

/// <summary>One fitted Cox coefficient with its Wald inference.</summary>
/// <param name="Beta">Estimate β (log hazard ratio per unit of the covariate); when the fit did not converge, the last iterate.</param>
/// <param name="StandardError">√ of the diagonal of the inverse observed information; null when the fit did not converge.</param>
/// <param name="HazardRatio">exp(β); null when the fit did not converge.</param>
/// <param name="HazardRatioLow">exp(β − z·se); null when the fit did not converge.</param>
/// <param name="HazardRatioHigh">exp(β + z·se); null when the fit did not converge.</param>
/// <param name="Z">Wald statistic β/se; null when the fit did not converge.</param>
/// <param name="P">Two-sided Wald p-value 2(1 − Φ(|z|)); null when the fit did not converge.</param>
public sealed record CoxCoefficient(
    double Beta,
    double? StandardError,
    double? HazardRatio,
    double? HazardRatioLow,
    double? HazardRatioHigh,
    double? Z,
    double? P);
