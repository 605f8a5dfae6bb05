using System.Text.Json.Serialization;
using SkillsLedger.Analytics.Roi;
using SkillsLedger.Gaps;
using SkillsLedger.Growth;
using SkillsLedger.Retention;
using SkillsLedger.Roi;

namespace SkillsLedger.Reports;

/// <summary>
/// Everything the executive ROI report shows: the model behind roi-report.html and roi.json (every number on the
/// page is in here; the chart images are left out of the JSON).
/// </summary>
public sealed record RoiReport(
    string Organisation,
    DateTimeOffset AsOf,
    DateTimeOffset GeneratedAt,
    string? ProgramId,
    string RoiMethod,
    IReadOnlyList<RoiResult> Programmes,
    IReadOnlyList<RoiProblem> NotComputed,
    RetentionView Retention,
    GrowthView Growth,
    GapMatrix Gaps,
    IReadOnlyList<ReportChart> Charts,
    SkillsLedger.Strategy.GoalsView? Strategy = null,
    SkillsLedger.Readiness.ReadinessView? Readiness = null,
    SkillsLedger.Effectiveness.EffectivenessView? Effectiveness = null)
{
    /// <summary>Assumptions used by any computed programme, once each, by name (for the assumptions table).</summary>
    public IReadOnlyList<Assumption> Assumptions =>
        Programmes.SelectMany(p => p.AssumptionsUsed).DistinctBy(a => a.Name).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();

    public ReportChart Chart(string name) => Charts.Single(c => c.Name == name);
}

/// <summary>
/// Team × skill mean gaps of current members (analytics.team_skill_gap). Cells with fewer than
/// <paramref name="MinMembers"/> people are not shown (<paramref name="SuppressedCells"/> counts them).
/// </summary>
/// <param name="SuppressedPairs">Which team × skill cells those are (no figures), so the heatmap can show them as suppressed
/// rather than as "not in the role profile".</param>
public sealed record GapMatrix(string Source, int MinMembers, int People, IReadOnlyList<TeamSkillGap> Cells, int SuppressedCells,
    IReadOnlyList<TeamSkillPair>? SuppressedPairs = null);

/// <summary>A team and a skill of its role profiles, without figures.</summary>
public sealed record TeamSkillPair(string Team, string Skill);

/// <summary>One chart of the report; <see cref="Png"/> and <see cref="Svg"/> are written as files and inlined in the HTML, not put in roi.json.</summary>
public sealed record ReportChart(
    string Name, string Title, string Caption, int Width, int Height,
    [property: JsonIgnore] byte[] Png,
    [property: JsonIgnore] string Svg)
{
    public string PngFile => Name + ".png";
    public string SvgFile => Name + ".svg";

    /// <summary>The chart as the shared figure component takes it.</summary>
    [JsonIgnore]
    public SkillsLedger.Charts.RenderedChart Rendered => new(new Lazy<byte[]>(() => Png), Svg, Width, Height);
}

/// <summary>The programme asked for has no courses or costs on the ledger.</summary>
public sealed class UnknownProgrammeException(string programId)
    : Exception($"no courses or costs recorded for programme '{programId}'")
{
    public string ProgramId { get; } = programId;
}
