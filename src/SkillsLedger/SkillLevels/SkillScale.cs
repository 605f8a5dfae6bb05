namespace SkillsLedger.SkillLevels;

/// <summary>
/// The scale of one skill (from its skill_defined in force). Every level the API returns carries it, so 7.88 on a
/// 1–8 skill is not read as if it were on 1–5.
/// </summary>
public sealed record SkillScale(decimal Min, decimal Max);
