using System.Globalization;

namespace SkillsLedger.Reports;

/// <summary>
/// How the report writes numbers, in English (1,234.5 · 12.5 % · 5 December 2026) or Dutch (1.234,5 · 12,5 % ·
/// 5 december 2026): thousands separators, a real minus sign, a unit on every figure. The process runs with invariant
/// globalization, so the Dutch conventions are spelled out here rather than taken from CultureInfo("nl-NL").
/// The tests format roi.json's values with these same functions to find them on the page.
/// </summary>
public sealed class ReportFormat : SkillsLedger.Presentation.IFigureFormat
{
    public static readonly ReportFormat English = new(dutch: false);
    public static readonly ReportFormat Dutch = new(dutch: true);

    public const string Minus = "−";

    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] DutchMonths =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    private readonly NumberFormatInfo _numbers;

    private ReportFormat(bool dutch)
    {
        IsDutch = dutch;
        _numbers = (NumberFormatInfo)CultureInfo.InvariantCulture.NumberFormat.Clone();
        if (dutch)
        {
            _numbers.NumberDecimalSeparator = ",";
            _numbers.NumberGroupSeparator = ".";
        }
    }

    public bool IsDutch { get; }

    /// <summary>The text in this language: English or Dutch, written side by side where the report is written.</summary>
    public string L(string en, string nl) => IsDutch ? nl : en;

    public string NotAvailable => L("n/a", "n.v.t.");

    private string Signless(double value, string format) => Math.Abs(value).ToString(format, _numbers);

    /// <summary>A number with a real minus sign (no plus): 1,234.5 / −0.8 (Dutch 1.234,5 / −0,8); no sign on what rounds to zero.
    /// Every number the report and the dashboard show goes through here.</summary>
    public string Number(double value, string format = "N0")
    {
        var text = Signless(value, format);
        return value < 0 && text.Any(c => c is >= '1' and <= '9') ? Minus + text : text;
    }

    /// <summary>A change: always signed, +12.3 / −0.8 / 0.0.</summary>
    public string Signed(double value, string format = "N1")
    {
        var text = Signless(value, format);
        if (!text.Any(c => c is >= '1' and <= '9')) return text;
        return (value < 0 ? Minus : "+") + text;
    }

    /// <summary>ROI in percent, signed, whole percent: +441 % / −21 %.</summary>
    public string Percent(double? value) => value is { } v ? Signed(v, "N0") + " %" : NotAvailable;

    /// <summary>A share (0–1) as a percentage with one decimal: 87.3 % / 87,3 %.</summary>
    public string Share(double? value) => value is { } v ? Number(100 * v, "N1") + " %" : NotAvailable;

    /// <summary>Money in whole currency units: EUR 44,640 / EUR 44.640.</summary>
    public string Money(double value, string currency) => $"{currency} {Number(value)}".Trim();

    /// <summary>Benefit–cost ratio: 5.41 (currency units back per unit spent).</summary>
    public string Ratio(double? value) => value is { } v ? Number(v, "N2") : NotAvailable;

    /// <summary>Payback period: 2.2 months, or "not reached" when there is no benefit.</summary>
    public string Months(double? value) => value is { } v ? Number(v, "N1") + L(" months", " maanden") : L("not reached", "niet bereikt");

    public string Count(int value) => Number(value);

    /// <summary>A count with its noun in the right number: "1 learner", "2 learners", "1 person", "0 people".</summary>
    public string Count(int value, string one, string many) => $"{Count(value)} {(value == 1 ? one : many)}";

    /// <summary>"1 learner" / "n learners" (deelnemer / deelnemers).</summary>
    public string Learners(int value) => Count(value, L("learner", "deelnemer"), L("learners", "deelnemers"));

    /// <summary>"1 person" / "n people" (medewerker / medewerkers: the people of an organisation).</summary>
    public string People(int value) => Count(value, L("person", "medewerker"), L("people", "medewerkers"));

    /// <summary>"95 % CI 0.58–0.90" (Dutch "95%-BI", betrouwbaarheidsinterval); "to"/"tot" when a bound is negative so the dash is not read as a minus.</summary>
    public string Interval(double? low, double? high, Func<double, string> format)
    {
        if (low is not { } l || high is not { } h) return L("no interval", "geen interval");
        var separator = l < 0 || h < 0 ? L(" to ", " tot ") : "–";
        return $"{L("95 % CI", "95%-BI")} {format(l)}{separator}{format(h)}";
    }

    public string PValue(double? p) => p switch
    {
        null => NotAvailable,
        < 0.001 => "p < " + 0.001.ToString("0.000", _numbers),
        { } v => "p = " + v.ToString("0.000", _numbers),
    };

    /// <summary>5 December 2026 / 5 december 2026.</summary>
    public string Date(DateTimeOffset value) => Date(DateOnly.FromDateTime(value.UtcDateTime));

    public string Date(DateOnly day) => $"{day.Day} {(IsDutch ? DutchMonths : EnglishMonths)[day.Month - 1]} {day.Year}";

    public SkillsLedger.Charts.ChartWords ChartWords => IsDutch ? SkillsLedger.Charts.ChartWords.Dutch : SkillsLedger.Charts.ChartWords.English;

    /// <summary>A month's short name: Mar / mrt.</summary>
    public string MonthShort(DateOnly month) => IsDutch ? DutchShortMonths[month.Month - 1] : EnglishMonths[month.Month - 1][..3];

    private static readonly string[] DutchShortMonths = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

    /// <summary>The report's asOf exactly: the date when it is the end of that day (as a date alone means), else date and time.</summary>
    public string AsOfText(DateTimeOffset value) =>
        value == SkillsLedger.Domain.Time.AsOf.EndOfDay(DateOnly.FromDateTime(value.UtcDateTime))
            ? Date(value) + L(" (end of day, UTC)", " (einde van de dag, UTC)")
            : Date(value) + " " + value.UtcDateTime.ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    // What the shared components (SkillsLedger.Presentation) ask of a language, in the report's conventions.
    string SkillsLedger.Presentation.IFigureFormat.Decimal(double value, int decimals) => Number(value, "N" + decimals);
    string SkillsLedger.Presentation.IFigureFormat.Signed(double? value, int decimals) => value is { } v ? Signed(v, "N" + decimals) : NotAvailable;
    string SkillsLedger.Presentation.IFigureFormat.ShareInterval(double? low, double? high) => Interval(low, high, v => Share(v));
    string SkillsLedger.Presentation.IFigureFormat.ShareRange(double? low, double? high) =>
        low is { } l && high is { } h ? $"{Share(l)}–{Share(h)}" : L("no interval", "geen interval");
    string SkillsLedger.Presentation.IFigureFormat.Interval(double? low, double? high, int decimals) => Interval(low, high, v => Number(v, "N" + decimals));
    string SkillsLedger.Presentation.IFigureFormat.RoiPercent(double? percent) => Percent(percent);
    public string Analysis(string english) => IsDutch ? AnalysisWordsDutch.Translate(english) : english;

    /// <summary>tickets_resolved → tickets resolved (the ledger's own metric name, not translated).</summary>
    public static string Metric(string metric) => metric.Replace('_', ' ');
}
