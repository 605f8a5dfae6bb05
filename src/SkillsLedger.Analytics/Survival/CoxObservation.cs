namespace SkillsLedger.Analytics;

/// <summary>One subject for a Cox proportional-hazards regression.</summary>
/// <param name="Time">Time from the origin, finite and ≥ 0.</param>
/// <param name="Event">True when the event was observed at <paramref name="Time"/>; false when censored.</param>
/// <param name="Covariates">Covariate values x (same length, ≥ 1, for every subject; finite). Use 0/1 dummies for categories.</param>
/// <param name="Stratum">Optional stratum label; subjects are compared only within their stratum (null is a stratum of its own).</param>
public sealed record CoxObservation(double Time, bool Event, double[] Covariates, string? Stratum = null);
