using System.Text.RegularExpressions;

namespace SkillsLedger.Reports;

/// <summary>
/// The Dutch report's wording of the sentences the analyses write themselves (ROI caveats and design, the retention
/// analysis' notes, the reasons a programme's ROI was not computed, the effectiveness threats, goal status). The
/// analyses keep one English wording, which roi.json and the API carry; the report translates them here, sentence by
/// sentence, with the figures taken from the English. A sentence not known here is shown as the analysis wrote it
/// (the Dutch report test fails on the demo if any is left).
/// </summary>
public static partial class AnalysisWordsDutch
{
    private static readonly Dictionary<string, string> Fixed = new(StringComparer.Ordinal)
    {
        ["Selection: people choose (or are chosen for) programmes; motivated or favoured people may both learn more and perform or stay better. Matching on role does not remove this."] =
            "Selectie: mensen kiezen zelf een programma (of worden ervoor gekozen); gemotiveerde of begunstigde medewerkers kunnen zowel meer leren als beter presteren of langer blijven. Vergelijken binnen dezelfde functie neemt dat niet weg.",
        ["Other changes at the same time (new tools, managers, targets) that differ between the groups are not ruled out."] =
            "Andere veranderingen in dezelfde periode (nieuwe hulpmiddelen, leidinggevenden, doelen) die tussen de groepen verschillen, zijn niet uitgesloten.",
        ["Benefits are first-year only and not adjusted for estimate error beyond the conservative scenario."] =
            "De baten gelden alleen voor het eerste jaar en zijn, buiten het voorzichtige scenario, niet gecorrigeerd voor schattingsfouten.",
        [SkillsLedger.Analytics.Roi.RoiCalculator.Design] =
            "Observationele vergelijking, geen gerandomiseerd experiment. Prestatie: verschil-in-verschillen ten opzichte van medewerkers in dezelfde functie " +
            "die geen cursus van het programma afrondden, over dezelfde kalenderperioden. Behoud: landmark-Kaplan–Meiervergelijking van medewerkers " +
            "van wie de eerste cursus vóór het landmark in dit programma viel met medewerkers zonder cursus daarvoor.",
        [SkillsLedger.Effectiveness.EffectivenessAnalysis.Threats] =
            "Geen gerandomiseerde vergelijking: mensen kiezen een cursus of worden erheen gestuurd (selectie), worden rond een cursus mogelijk vaker beoordeeld " +
            "(meting), en collega's in dezelfde functie verschillen nog steeds. Een positief verschil is een aanwijzing, geen bewijs, dat de cursus het veroorzaakte.",
        ["the Cox model did not converge (e.g. no departures in one group): no hazard ratio"] =
            "het Cox-model convergeerde niet (bijvoorbeeld geen vertrek in één groep): geen hazardratio",
        ["on track"] = "op koers",
        ["at risk"] = "risico",
        ["off track"] = "uit koers",
        ["whole organisation"] = "hele organisatie",
    };

    private static readonly (Regex Pattern, Func<Match, string> Dutch)[] Patterns =
    [
        (PerformanceSuppressed(), m => $"Prestatiebaten met minder dan {m.Groups[1]} deelnemers of vergelijkingspersonen worden niet getoond (tellen als nul): " +
                                       m.Groups[2].Value.Replace(" learners, ", " deelnemers, ").Replace(" comparison)", " vergelijking)") + "."),
        (RetentionNotComputed(), m => $"Behoudbaat niet berekend: minder dan {m.Groups[1]} medewerkers in de programmagroep of de vergelijkingsgroep op het landmark van {m.Groups[2]} dagen."),
        (GroupSuppressed(), m => $"groep '{m.Groups[1]}' heeft {m.Groups[2]} medewerkers (< {m.Groups[3]}): cijfers niet getoond en buiten de log-ranktoets gelaten"),
        (HazardSuppressed(), m => $"hazardratio niet getoond: {m.Groups[1]} deelnemers en {m.Groups[2]} anderen (elk moet ≥ {m.Groups[3]} zijn)"),
        (NoLearner(), m => $"niemand heeft een cursus van programma '{m.Groups[1]}' afgerond"),
        (NoSalary(), m => $"geen deelnemer van '{m.Groups[1]}' heeft een monthlySalary bij person_hired: de behoudbaat kan niet worden gewaardeerd"),
        (SeveralCurrencies(), m => $"programma '{m.Groups[1]}' heeft kosten in meerdere valuta ({m.Groups[2]}); reken die eerst om"),
        (MissingAssumptions(), m => $"ontbrekende ROI-aanname{(m.Groups[1].Success ? "s" : "")}: {m.Groups[2]} (leg ze vast met roi_assumption_set-events)"),
        (Scope(), m => $"{ScopeKinds[m.Groups[1].Value]} {m.Groups[2]}"),
    ];

    private static readonly Dictionary<string, string> ScopeKinds = new(StringComparer.Ordinal)
    {
        ["department"] = "afdeling", ["role"] = "functie", ["team"] = "team",
    };

    /// <summary>The Dutch wording of <paramref name="english"/>, or the English when the sentence is not known here.</summary>
    public static string Translate(string english)
    {
        if (Fixed.TryGetValue(english, out var dutch)) return dutch;
        foreach (var (pattern, replacement) in Patterns)
        {
            var match = pattern.Match(english);
            if (match.Success) return replacement(match);
        }
        return english;
    }

    /// <summary>Whether <see cref="Translate"/> knows the sentence (the test's check that nothing is left in English).</summary>
    public static bool Knows(string english) => Fixed.ContainsKey(english) || Patterns.Any(p => p.Pattern.IsMatch(english));

    [GeneratedRegex(@"^Performance benefits with fewer than (\d+) learners or comparison people are suppressed \(counted as zero\): (.*)\.$")]
    private static partial Regex PerformanceSuppressed();

    [GeneratedRegex(@"^Retention benefit not computed: fewer than (\d+) people in the programme group or the comparison group at the (\d+)-day landmark\.$")]
    private static partial Regex RetentionNotComputed();

    [GeneratedRegex(@"^group '(.*)' has (\d+) people \(< (\d+)\): figures suppressed and left out of the log-rank test$")]
    private static partial Regex GroupSuppressed();

    [GeneratedRegex(@"^hazard ratio suppressed: (\d+) learners and (\d+) others \(each must be ≥ (\d+)\)$")]
    private static partial Regex HazardSuppressed();

    [GeneratedRegex(@"^no one has completed a course of programme '(.*)'$")]
    private static partial Regex NoLearner();

    [GeneratedRegex(@"^no learner of '(.*)' has a monthlySalary on person_hired: the retention benefit cannot be valued$")]
    private static partial Regex NoSalary();

    [GeneratedRegex(@"^programme '(.*)' has costs in several currencies \((.*)\); convert them first$")]
    private static partial Regex SeveralCurrencies();

    [GeneratedRegex(@"^missing ROI assumption(s)?: (.*) \(record them with roi_assumption_set events\)$")]
    private static partial Regex MissingAssumptions();

    [GeneratedRegex(@"^(department|role|team) (.+)$")]
    private static partial Regex Scope();
}
