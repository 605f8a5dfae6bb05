namespace SkillsLedger.Dashboard;

/// <summary>A label in both languages, kept side by side so a translation is reviewed next to its original.</summary>
public readonly record struct Text(string Key, string En, string Nl)
{
    public static implicit operator Text((string Key, string En, string Nl) t) => new(t.Key, t.En, t.Nl);

    public void Deconstruct(out string key, out string en, out string nl) => (key, en, nl) = (Key, En, Nl);
}

/// <summary>The labels of every page (each page declares its own in a <c>Texts</c> array).</summary>
public static class DashboardTexts
{
    public static IEnumerable<Text> All =>
        [.. Shared, .. SkillsMapPage.Texts, .. TeamPage.Texts, .. PersonPage.Texts, .. LineagePage.Texts, .. RetentionPage.Texts, .. ProgrammesPage.Texts,
         .. StrategyPage.Texts, .. AuditPage.Texts, .. FiguresBeingComputedPage.Texts];

    private static readonly Text[] Shared =
    [
        ("filter.all", "All", "Alle"),
        ("filter.apply", "Apply", "Toepassen"),
        ("nav.person", "My skills", "Mijn vaardigheden"),
        ("n", "n", "n"),
        ("ci95", "95 % interval", "95%-interval"),
        ("suppressed", "fewer than {0} people: not shown", "minder dan {0} medewerkers: niet getoond"),
        ("notfound.title", "Not found", "Niet gevonden"),
        ("notfound.text", "There is nothing on the ledger under this name.", "Er staat niets in het grootboek onder deze naam."),
        ("overview.growth", "Skill growth by programme", "Groei van vaardigheden per programma"),
        ("overview.growth.detail", "Mean over people of their skills' growth per year (least-squares slope of their assessed levels, ≥ 2 assessments 30 days apart); a person counts in every programme they took a course of. Current state of the ledger.",
            "Gemiddelde over medewerkers van de groei van hun vaardigheden per jaar (kleinste-kwadratenhelling van hun beoordeelde niveaus, ≥ 2 beoordelingen 30 dagen uit elkaar); iemand telt mee in elk programma waarvan hij een cursus volgde. Huidige stand van het grootboek."),
        ("current", "Current state of the ledger (as projected now), not as of a date.", "Huidige stand van het grootboek (zoals nu geprojecteerd), niet op een peildatum."),
    ];
}
