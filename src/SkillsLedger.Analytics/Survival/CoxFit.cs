namespace SkillsLedger.Analytics;

/// <summary>Result of <see cref="CoxRegression.Fit"/>.</summary>
/// <param name="Coefficients">One entry per covariate, in input order.</param>
/// <param name="LogLikelihood">Log partial likelihood at the returned β.</param>
/// <param name="LogLikelihoodNull">Log partial likelihood at β = 0.</param>
/// <param name="LikelihoodRatioChi2">2(ℓ(β̂) − ℓ(0)), χ² on p degrees of freedom under H₀: β = 0; null when not converged.</param>
/// <param name="LikelihoodRatioP">Upper-tail χ²(p) probability of the likelihood-ratio statistic; null when not converged.</param>
/// <param name="Iterations">Newton–Raphson iterations performed.</param>
/// <param name="Converged">False when the iteration limit was reached or the information became singular
/// (typically monotone likelihood / separation, where a β̂ is infinite).</param>
/// <param name="Ties">Tie handling used.</param>
/// <param name="Covariance">Inverse observed information I(β̂)⁻¹ (p × p); null when not converged.</param>
public sealed record CoxFit(
    IReadOnlyList<CoxCoefficient> Coefficients,
    double LogLikelihood,
    double LogLikelihoodNull,
    double? LikelihoodRatioChi2,
    double? LikelihoodRatioP,
    int Iterations,
    bool Converged,
    CoxTies Ties,
    double[,]? Covariance);
