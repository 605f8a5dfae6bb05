namespace SkillsLedger.Analytics.People;

/// <summary>One person-skill's growth: its least-squares slope in levels per year, on the skill's own scale.</summary>
public sealed record PersonSkillSlope(string Person, double SlopePerYear, double ScaleMin, double ScaleMax);

/// <summary>
/// A group's mean growth with its interval over people.
/// </summary>
/// <param name="People">n: the people in the group, the independent units of the interval.</param>
/// <param name="PersonSkills">The person-skill slopes behind them (a person with five skills gives five).</param>
/// <param name="ShareOfScale">True when the group mixes skills on different scales: the figures are then shares of
/// the scale per year (slope / (scaleMax − scaleMin)); otherwise levels per year of the one scale.</param>
/// <param name="Estimate">Mean of the per-person means with its Student-t interval (N = people).</param>
public sealed record GroupGrowthEstimate(int People, int PersonSkills, bool ShareOfScale, MeanEstimate Estimate)
{
    public string Unit => ShareOfScale ? GroupGrowth.ShareUnit : GroupGrowth.LevelUnit;
}

/// <summary>
/// Mean growth of a group with an honest interval. A person's skills are not independent of each other (one person
/// with five skills is one learner, not five), and with `by=program` one person sits in several groups: so each
/// person's slopes in the group are averaged first, and the Student-t interval is taken over those per-person means
/// (n = people). When the group mixes skills on different scales a slope of 1 level a year means different things,
/// so every slope is first turned into a share of its scale per year. docs/methods.md §2 works an example by hand.
/// </summary>
public static class GroupGrowth
{
    public const string LevelUnit = "levels per year";
    public const string ShareUnit = "share of the skill's scale per year (slope / (scaleMax − scaleMin)); the group mixes scales";

    /// <summary>Whether the slopes come from skills on more than one scale.</summary>
    public static bool MixesScales(IEnumerable<PersonSkillSlope> slopes) =>
        slopes.Select(s => (s.ScaleMin, s.ScaleMax)).Distinct().Skip(1).Any();

    /// <param name="slopes">The group's person-skill slopes (at least one).</param>
    /// <param name="level">Confidence level of the interval.</param>
    /// <param name="shareOfScale">Measure in shares of the scale; left out, when this group mixes scales. Groups that are
    /// compared with each other (one API answer, one chart) should share one decision: see <see cref="MixesScales"/>.</param>
    public static GroupGrowthEstimate Estimate(IReadOnlyCollection<PersonSkillSlope> slopes, bool? shareOfScale = null, double level = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfZero(slopes.Count);
        var mixed = shareOfScale ?? MixesScales(slopes);
        // Ordinal order of people, so the per-person means (and so the sums) come out the same on every run.
        var perPerson = slopes
            .GroupBy(s => s.Person, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Average(s => mixed ? s.SlopePerYear / (s.ScaleMax - s.ScaleMin) : s.SlopePerYear))
            .ToList();
        return new GroupGrowthEstimate(perPerson.Count, slopes.Count, mixed, Summary.MeanConfidenceInterval(perPerson, level));
    }
}
