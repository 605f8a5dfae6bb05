namespace SkillsLedger.Reports;

public partial class ReportMethods
{
    private string L(string en, string nl) => F.L(en, nl);

    private IEnumerable<string> MethodLines =>
    [
        L("Costs: everything recorded against the programme up to the report date (licences, facilitation, venues) plus the hours learners spent " +
          "in its courses, priced at the loaded hourly cost.",
          "Kosten: alles wat tot de rapportdatum op het programma is geboekt (licenties, begeleiding, locaties) plus de uren die deelnemers " +
          "aan de cursussen besteedden, tegen het integrale uurtarief."),
        L("Performance benefit: for each learner, the average of their monthly output in the 90 days after their first course minus the 90 days before. " +
          "The same change is measured over the same dates for colleagues in the same role who took no course of the programme, and subtracted " +
          "(difference in differences). The result, per learner per month, is multiplied by 12 months, the value of one unit of output and the number of learners.",
          "Prestatiebaat: per deelnemer de gemiddelde maandelijkse output in de 90 dagen na de eerste cursus min die in de 90 dagen ervoor. " +
          "Dezelfde verandering wordt over dezelfde data gemeten bij collega's in dezelfde functie die geen cursus van het programma volgden, en afgetrokken " +
          "(verschil-in-verschillen). Het resultaat per deelnemer per maand wordt vermenigvuldigd met 12 maanden, de waarde van één eenheid output en het aantal deelnemers."),
        L($"Retention benefit: people still employed {Report.Retention.LandmarkDays} days after hire are grouped by what they completed by then and followed " +
          $"until they leave. The share still employed {Report.Retention.HorizonMonths} months later (Kaplan–Meier) is compared between the programme's " +
          "learners and people with no course; the difference, times the learners, times the cost of replacing a leaver, is the benefit.",
          $"Behoudbaat: medewerkers die {Report.Retention.LandmarkDays} dagen na indiensttreding nog in dienst zijn, worden ingedeeld naar wat ze tot dan afrondden en gevolgd " +
          $"tot ze vertrekken. Het aandeel dat {Report.Retention.HorizonMonths} maanden later nog in dienst is (Kaplan–Meier) wordt vergeleken tussen de deelnemers " +
          "van het programma en medewerkers zonder cursus; het verschil, maal de deelnemers, maal de kosten van het vervangen van een vertrekker, is de baat."),
        L("Scenarios: expected uses the best estimates; conservative uses the lower end of each 95 % confidence interval and never counts a negative benefit.",
          "Scenario's: verwacht gebruikt de beste schattingen; voorzichtig gebruikt de onderkant van elk 95%-betrouwbaarheidsinterval en telt nooit een negatieve baat."),
        L("ROI % = (benefits − costs) ÷ costs × 100. Benefit–cost ratio = benefits ÷ costs. Payback = costs ÷ monthly benefit.",
          "ROI % = (baten − kosten) ÷ kosten × 100. Baten-kostenverhouding = baten ÷ kosten. Terugverdientijd = kosten ÷ maandelijkse baat."),
        L("Growth: for each person and skill, the straight-line trend of their assessed level over time, in levels per year, averaged per programme.",
          "Groei: per medewerker en vaardigheid de rechtlijnige trend van het beoordeelde niveau in de tijd, in niveaus per jaar, gemiddeld per programma."),
        L("Skill gaps: each current employee's derived level against their role's target, averaged per team and skill.",
          "Tekorten: het afgeleide niveau van elke huidige medewerker tegenover het doel van de functie, gemiddeld per team en vaardigheid."),
    ];

    private List<string> Caveats
    {
        get
        {
            var caveats = Report.Programmes.SelectMany(p => p.Caveats).Distinct(StringComparer.Ordinal).Select(F.Analysis).ToList();
            caveats.Add(L($"Small groups: retention groups with fewer than {Report.Retention.MinGroupSize} people and skill-gap cells with fewer than " +
                          $"{Report.Gaps.MinMembers} people are not shown, to protect individuals and because their figures are unreliable.",
                          $"Kleine groepen: behoudgroepen met minder dan {Report.Retention.MinGroupSize} medewerkers en tekortcellen met minder dan " +
                          $"{Report.Gaps.MinMembers} medewerkers worden niet getoond, om personen te beschermen en omdat hun cijfers onbetrouwbaar zijn."));
            caveats.Add(L("Skill growth and skill gaps reflect the ledger as it stands now, not as of the report date.",
                "Groei en tekorten geven het grootboek weer zoals het nu is, niet op de rapportdatum."));
            caveats.AddRange(Report.Retention.Notes.Select(n => L("Retention analysis: ", "Behoudanalyse: ") + F.Analysis(n) + "."));
            return caveats;
        }
    }
}
