namespace SkillsLedger.Dashboard;

/// <summary>
/// The dashboard's two languages: every label and message in English and Dutch, and numbers, percentages and dates
/// the way each writes them (Dutch: 12,5 %, 1.234, 5 december 2026). The process runs with invariant globalization
/// (no ICU data in the image), so the Dutch formats are spelled out here instead of taken from CultureInfo("nl-NL").
/// Names of skills, roles and programmes are shown as the ledger holds them.
/// </summary>
public sealed class DashboardLanguage : SkillsLedger.Presentation.IFigureFormat
{
    public const string CookieName = "sl-lang";

    public static readonly DashboardLanguage English = new("en", "en-GB",
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"], EnglishText());
    public static readonly DashboardLanguage Dutch = new("nl", "nl-NL",
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"], DutchText());

    private readonly IReadOnlyDictionary<string, string> _text;
    private readonly string[] _months;

    private DashboardLanguage(string code, string htmlLang, string[] months, Dictionary<string, string> text)
    {
        Code = code;
        HtmlLang = htmlLang;
        _months = months;
        // Each page keeps its own labels beside their translation (DashboardTexts); the shared ones are below.
        foreach (var (key, en, nl) in DashboardTexts.All) text.Add(key, code == "nl" ? nl : en);
        _text = text;
    }

    public string Code { get; }
    public string HtmlLang { get; }

    /// <summary>The words the charts draw inside the picture (bar names, "n.s.", month ticks) in this language.</summary>
    public SkillsLedger.Charts.ChartWords ChartWords => Code == "nl" ? SkillsLedger.Charts.ChartWords.Dutch : SkillsLedger.Charts.ChartWords.English;

    /// <summary>A label or message; a key without a translation is a programming error, caught by the dashboard tests.</summary>
    public string this[string key] => _text.TryGetValue(key, out var t) ? t : throw new KeyNotFoundException($"no '{key}' text in {Code}");

    public IEnumerable<string> Keys => _text.Keys;

    // Every number goes through the report's Number: the language's separators and a real minus sign (U+2212), not a hyphen.

    /// <summary>A share as a percentage with one decimal: 12.5 % / 12,5 % / −12.0 % (a space before the sign, as both style guides ask).</summary>
    public string Percent(double? share) => share is { } s ? Report.Number(s * 100, "0.0") + " %" : "—";

    public string Number(double value, int decimals = 0) => Report.Number(value, "N" + decimals);

    public string Date(DateTimeOffset at) => Date(DateOnly.FromDateTime(at.UtcDateTime));

    /// <summary>Day, month name, year: the order both languages use (5 December 2026 / 5 december 2026).</summary>
    public string Date(DateOnly day) => $"{day.Day} {_months[day.Month - 1]} {day.Year}";

    /// <summary>A month's short name for chart axes: Mar / mrt.</summary>
    public string MonthShort(DateOnly month) => Report.MonthShort(month);

    /// <summary>The interval as "a–b %", the way the figure itself is written.</summary>
    public string Interval(double? low, double? high) => low is { } l && high is { } h
        ? $"{Report.Number(l * 100, "0.0")}–{Report.Number(h * 100, "0.0")} %" : "—";

    // What the shared components (SkillsLedger.Presentation) ask of a language: the report's wording and number conventions
    // (one home for how a figure reads), except a share and an ROI, which the dashboard writes with one decimal.
    private SkillsLedger.Reports.ReportFormat Report => Code == "nl" ? SkillsLedger.Reports.ReportFormat.Dutch : SkillsLedger.Reports.ReportFormat.English;
    public bool IsDutch => Code == "nl";
    public string L(string en, string nl) => IsDutch ? nl : en;
    string SkillsLedger.Presentation.IFigureFormat.Count(int value) => Report.Count(value);
    string SkillsLedger.Presentation.IFigureFormat.People(int value) => Report.People(value);
    string SkillsLedger.Presentation.IFigureFormat.Decimal(double value, int decimals) => Report.Number(value, "N" + decimals);
    string SkillsLedger.Presentation.IFigureFormat.Signed(double? value, int decimals) => value is { } v ? Report.Signed(v, "N" + decimals) : "—";
    string SkillsLedger.Presentation.IFigureFormat.Share(double? share) => Percent(share);
    string SkillsLedger.Presentation.IFigureFormat.ShareInterval(double? low, double? high) => $"{this["overview.interval"]} {Interval(low, high)}";
    string SkillsLedger.Presentation.IFigureFormat.ShareRange(double? low, double? high) => Interval(low, high);
    string SkillsLedger.Presentation.IFigureFormat.Interval(double? low, double? high, int decimals) => ((SkillsLedger.Presentation.IFigureFormat)Report).Interval(low, high, decimals);
    string SkillsLedger.Presentation.IFigureFormat.PValue(double? p) => Report.PValue(p);
    string SkillsLedger.Presentation.IFigureFormat.RoiPercent(double? percent) => percent is { } p ? Percent(p / 100) : "—";
    string SkillsLedger.Presentation.IFigureFormat.Ratio(double? value) => Report.Ratio(value);
    string SkillsLedger.Presentation.IFigureFormat.Money(double value, string currency) => Report.Money(value, currency);
    string SkillsLedger.Presentation.IFigureFormat.Months(double? value) => Report.Months(value);
    public string Analysis(string english) => Report.Analysis(english);

    /// <summary>The language chosen: the remembered choice (cookie), else the browser's first preference, else English.</summary>
    public static DashboardLanguage For(HttpRequest request)
    {
        if (request.Cookies.TryGetValue(CookieName, out var chosen)) return chosen == "nl" ? Dutch : English;
        var accept = request.Headers.AcceptLanguage.ToString();
        var first = accept.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return first.StartsWith("nl", StringComparison.OrdinalIgnoreCase) ? Dutch : English;
    }

    private static Dictionary<string, string> EnglishText() => new()
    {
        ["app"] = "SkillsLedger",
        ["nav.overview"] = "Overview",
        ["nav.skillsmap"] = "Skills map",
        ["nav.retention"] = "Retention",
        ["nav.programmes"] = "Programmes",
        ["nav.strategy"] = "Strategy",
        ["nav.audit"] = "Audit",
        ["nav.main"] = "Main navigation",
        ["signin.title"] = "Sign in",
        ["signin.key"] = "API key",
        ["signin.help"] = "Paste the API key you were given (it starts with slk_). It is checked once; the browser then keeps a session cookie, never the key.",
        ["signin.submit"] = "Sign in",
        ["signin.bad"] = "That key is not valid (unknown, revoked or mistyped).",
        ["signin.role"] = "Keys for importing events or for learning platforms cannot sign in to the dashboard.",
        ["signout"] = "Sign out",
        ["signedin"] = "Signed in as",
        ["language"] = "Taal: Nederlands",
        ["asof"] = "As of",
        ["asof.show"] = "Show",
        ["asof.shown"] = "Figures as of {0}",
        ["forbidden.title"] = "Not allowed",
        ["forbidden.text"] = "Your key's role may not open this page.",
        ["csrf.title"] = "Form expired",
        ["csrf.text"] = "The form could not be verified (it may be old or come from another site). Please try again.",
        ["overview.title"] = "Overview",
        ["overview.readiness"] = "Meet their role profile",
        ["overview.readiness.detail"] = "people employed whose role has a profile; at or above the required level on every required skill",
        ["overview.goals"] = "Strategic goals",
        ["overview.goals.none"] = "No strategic goals are on the ledger yet.",
        ["overview.roi"] = "Return on investment by programme",
        ["overview.newcomers"] = "Newcomers who left within 12 months",
        ["overview.newcomers.detail"] = "people hired at least 12 months before the date shown",
        ["overview.method"] = "How this is computed",
        ["overview.interval"] = "95 % interval",
        ["goal.goal"] = "Goal",
        ["goal.due"] = "Due",
        ["goal.status"] = "Status",
        ["goal.probability"] = "Chance to meet every target",
        ["status.on track"] = "on track",
        ["status.at risk"] = "at risk",
        ["status.off track"] = "off track",
        ["people"] = "people",
        ["notyet"] = "Not available yet.",
        ["figures.earlier"] = "Some figures on this page count the ledger up to event {0} (computed {1} UTC); the {2} events recorded since are being counted now and will show when you reload the page in a while.",
    };

    private static Dictionary<string, string> DutchText() => new()
    {
        ["app"] = "SkillsLedger",
        ["nav.overview"] = "Overzicht",
        ["nav.skillsmap"] = "Vaardighedenkaart",
        ["nav.retention"] = "Behoud",
        ["nav.programmes"] = "Programma's",
        ["nav.strategy"] = "Strategie",
        ["nav.audit"] = "Audit",
        ["nav.main"] = "Hoofdnavigatie",
        ["signin.title"] = "Inloggen",
        ["signin.key"] = "API-sleutel",
        ["signin.help"] = "Plak de API-sleutel die u hebt gekregen (begint met slk_). Die wordt één keer gecontroleerd; daarna bewaart de browser een sessiecookie, nooit de sleutel.",
        ["signin.submit"] = "Inloggen",
        ["signin.bad"] = "Deze sleutel is niet geldig (onbekend, ingetrokken of verkeerd getypt).",
        ["signin.role"] = "Sleutels voor het importeren van gebeurtenissen of voor leerplatformen kunnen niet inloggen op het dashboard.",
        ["signout"] = "Uitloggen",
        ["signedin"] = "Ingelogd als",
        ["language"] = "Language: English",
        ["asof"] = "Peildatum",
        ["asof.show"] = "Toon",
        ["asof.shown"] = "Cijfers per {0}",
        ["forbidden.title"] = "Geen toegang",
        ["forbidden.text"] = "De rol van uw sleutel mag deze pagina niet openen.",
        ["csrf.title"] = "Formulier verlopen",
        ["csrf.text"] = "Het formulier kon niet worden gecontroleerd (het is misschien oud of komt van een andere site). Probeer het opnieuw.",
        ["overview.title"] = "Overzicht",
        ["overview.readiness"] = "Voldoen aan hun functieprofiel",
        ["overview.readiness.detail"] = "medewerkers in dienst met een functieprofiel; op of boven het vereiste niveau voor elke vereiste vaardigheid",
        ["overview.goals"] = "Strategische doelen",
        ["overview.goals.none"] = "Er staan nog geen strategische doelen in het grootboek.",
        ["overview.roi"] = "Rendement per programma",
        ["overview.newcomers"] = "Nieuwkomers die binnen 12 maanden vertrokken",
        ["overview.newcomers.detail"] = "medewerkers die minstens 12 maanden voor de peildatum in dienst kwamen",
        ["overview.method"] = "Zo wordt dit berekend",
        ["overview.interval"] = "95%-interval",
        ["goal.goal"] = "Doel",
        ["goal.due"] = "Deadline",
        ["goal.status"] = "Status",
        ["goal.probability"] = "Kans om elk doel te halen",
        ["status.on track"] = "op koers",
        ["status.at risk"] = "risico",
        ["status.off track"] = "uit koers",
        ["people"] = "medewerkers",
        ["notyet"] = "Nog niet beschikbaar.",
        ["figures.earlier"] = "Sommige cijfers op deze pagina tellen het grootboek tot en met gebeurtenis {0} (berekend {1} UTC); de {2} gebeurtenissen die sindsdien zijn vastgelegd worden nu meegeteld en verschijnen als u de pagina straks opnieuw laadt.",
    };
}
