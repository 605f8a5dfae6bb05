namespace SkillsLedger.Analytics.People;

/// <summary>
/// Generation cohorts by year of birth (issue 15; docs/methods.md "Generations"): Baby boomers ≤ 1964, Gen X
/// 1965–1980, Millennials 1981–1996, Gen Z ≥ 1997 (Pew Research Center's boundaries). People without a year of birth,
/// or whose personal data was erased, are "unknown": erasure takes the cohort with the year it came from.
/// </summary>
public static class Generation
{
    public const string BabyBoomers = "baby boomers";
    public const string GenX = "gen x";
    public const string Millennials = "millennials";
    public const string GenZ = "gen z";
    public const string Unknown = "unknown";

    /// <summary>Oldest first, then unknown: the order groups are reported in.</summary>
    public static readonly string[] All = [BabyBoomers, GenX, Millennials, GenZ, Unknown];

    public static string Of(int? birthYear) => birthYear switch
    {
        null => Unknown,
        <= 1964 => BabyBoomers,
        <= 1980 => GenX,
        <= 1996 => Millennials,
        _ => GenZ,
    };
}
