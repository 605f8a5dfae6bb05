namespace SkillsLedger.Analytics.Tests;

/// <summary>
/// Remission times (weeks) of 42 children with acute leukaemia, 6-mercaptopurine vs placebo: Freireich et al. (1963),
/// Blood 21:699–716, as tabulated by Gehan (1965), Biometrika 52:203–223; the standard example of Kleinbaum &amp; Klein,
/// "Survival Analysis: A Self-Learning Text", ch. 1–3, and R's MASS::gehan. Typed in from the published listing.
/// </summary>
internal static class GehanLeukemia
{
    /// <summary>6-MP (n = 21, 9 relapses): 6,6,6,6+,7,9+,10,10+,11+,13,16,17+,19+,20+,22,23,25+,32+,32+,34+,35+.</summary>
    public static readonly SurvivalObservation[] SixMp =
    [
        new(6, true), new(6, true), new(6, true), new(6, false), new(7, true), new(9, false), new(10, true),
        new(10, false), new(11, false), new(13, true), new(16, true), new(17, false), new(19, false), new(20, false),
        new(22, true), new(23, true), new(25, false), new(32, false), new(32, false), new(34, false), new(35, false),
    ];

    /// <summary>Placebo (n = 21, all relapsed): 1,1,2,2,3,4,4,5,5,8,8,8,8,11,11,12,12,15,17,22,23.</summary>
    public static readonly SurvivalObservation[] Placebo =
        new double[] { 1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23 }
            .Select(t => new SurvivalObservation(t, true)).ToArray();

    public static (string Group, SurvivalObservation Obs)[] Grouped() =>
        SixMp.Select(o => ("6-MP", o)).Concat(Placebo.Select(o => ("Placebo", o))).ToArray();

    /// <summary>Treatment indicator placebo = 1, 6-MP = 0.</summary>
    public static CoxObservation[] ForCox(string? stratum = null) =>
        SixMp.Select(o => new CoxObservation(o.Time, o.Event, [0.0], stratum))
            .Concat(Placebo.Select(o => new CoxObservation(o.Time, o.Event, [1.0], stratum)))
            .ToArray();
}
