namespace SkillsLedger.Analytics;

/// <summary>One right-censored survival observation.</summary>
/// <param name="Time">Time from the origin (in days, or any consistent unit), finite and ≥ 0.</param>
/// <param name="Event">True when the event was observed at <paramref name="Time"/>; false when the subject was censored then.</param>
public readonly record struct SurvivalObservation(double Time, bool Event);
