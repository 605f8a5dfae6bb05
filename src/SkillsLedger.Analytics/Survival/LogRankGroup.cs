namespace SkillsLedger.Analytics;

/// <summary>Per-group totals of a log-rank test.</summary>
/// <param name="Group">Group label.</param>
/// <param name="N">Number of subjects in the group.</param>
/// <param name="Observed">Oᵍ: events observed in the group.</param>
/// <param name="Expected">Eᵍ = Σⱼ dⱼ nᵍⱼ/nⱼ: events expected under H₀ (equal hazards).</param>
public sealed record LogRankGroup(string Group, int N, int Observed, double Expected);
