using System.Globalization;

namespace SkillsLedger.Charts;

/// <summary>
/// The words and number conventions the charts draw themselves (legends, bar names, "n.s.", month names), in English
/// or Dutch. Titles, axis labels and captions come with each chart's data; these are what is left inside the picture.
/// </summary>
public sealed record ChartWords(
    string NoData, string Cost, string CostShort, string ExpectedBenefit, string ConservativeBenefit, string ExpectedShort, string ConservativeShort,
    string PerformanceBenefit, string RetentionBenefit, string LighterConservative, string TimesCost,
    string NotInRoleProfile, string FewerThanPeople, string MeanGapLevels, string NotSignificant, string[] ShortMonths, NumberFormatInfo Numbers)
{
    public static readonly ChartWords English = new("No data", "Cost", "Cost", "Expected\nbenefit", "Conservative\nbenefit", "Exp.", "Cons.",
        "Performance benefit", "Retention benefit", "(lighter: conservative scenario)", "× cost",
        "not in the role profile", "fewer than {0} people: suppressed", "Mean gap (levels)", "n.s.",
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        new NumberFormatInfo { NegativeSign = Minus });

    public static readonly ChartWords Dutch = new("Geen gegevens", "Kosten", "Kost", "Verwachte\nbaat", "Voorzichtige\nbaat", "Verw", "Vrz",
        "Prestatiebaat", "Behoudbaat", "(lichter: voorzichtig scenario)", "× kosten",
        "niet in het functieprofiel", "minder dan {0} medewerkers: niet getoond", "Gemiddeld tekort (niveaus)", "n.s.",
        ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
        new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = ".", NegativeSign = Minus });

    /// <summary>A real minus sign (U+2212) on negative tick labels and values, as in the text around the chart, not a hyphen.</summary>
    public const string Minus = "−";

    /// <summary>"Mar 2026" / "mrt 2026".</summary>
    public string Month(DateOnly month) => $"{ShortMonths[month.Month - 1]} {month.Year}";
}
