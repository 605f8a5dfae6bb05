using System.Globalization;

namespace SkillsLedger.Reports;

/// <summary>
/// How the report writes numbers: invariant culture, thousands separators, a real minus sign, a unit on every figure.
/// The tests format roi.json's values with these same functions to find them on the page.
/// </summary>
public static class ReportFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    public const string Minus = "−";
    public const string NotAvailable = "n/a";

    private static string Signless(double value, string format) => Math.Abs(value).ToString(format, Inv);

    /// <summary>A number with a real minus sign (no plus): 1,234.5 / −0.8.</summary>
    public static string Number(double value, string format = "N0")
    {
        var text = Signless(value, format);
        return value < 0 && text.Any(c => c is >= '1' and <= '9') ? Minus + text : text;
    }

    /// <summary>A change: always signed, +12.3 / −0.8 / 0.0.</summary>
    public static string Signed(double value, string format = "N1")
    {
        var text = Signless(value, format);
        if (!text.Any(c => c is >= '1' and <= '9')) return text;
        return (value < 0 ? Minus : "+") + text;
    }

    /// <summary>ROI in percent, signed, whole percent: +441 % / −21 %.</summary>
    public static string Percent(double? value) => value is { } v ? Signed(v, "N0") + " %" : NotAvailable;

    /// <summary>A share (0–1) as a percentage with one decimal: 87.3 %.</summary>
    public static string Share(double? value) => value is { } v ? Number(100 * v, "N1") + " %" : NotAvailable;

    /// <summary>Money in whole currency units: EUR 44,640.</summary>
    public static string Money(double value, string currency) => $"{currency} {Number(value)}".Trim();

    /// <summary>Money for headline cards: EUR 1.2 M / EUR 310 k / EUR 950.</summary>
    public static string MoneyShort(double value, string currency)
    {
        var abs = Math.Abs(value);
        var text = abs switch
        {
            >= 1e6 => Number(value / 1e6, "N1") + " M",
            >= 1e4 => Number(value / 1e3, "N0") + " k",
            _ => Number(value),
        };
        return $"{currency} {text}".Trim();
    }

    /// <summary>Benefit–cost ratio: 5.41 (currency units back per unit spent).</summary>
    public static string Ratio(double? value) => value is { } v ? Number(v, "N2") : NotAvailable;

    /// <summary>Payback period: 2.2 months, or "not reached" when there is no benefit.</summary>
    public static string Months(double? value) => value is { } v ? Number(v, "N1") + " months" : "not reached";

    public static string Count(int value) => value.ToString("N0", Inv);

    /// <summary>A count with its noun in the right number: "1 learner", "2 learners", "1 person", "0 people".</summary>
    public static string Count(int value, string one, string many) => $"{Count(value)} {(value == 1 ? one : many)}";

    /// <summary>"1 learner" / "n learners".</summary>
    public static string Learners(int value) => Count(value, "learner", "learners");

    /// <summary>"1 person" / "n people".</summary>
    public static string People(int value) => Count(value, "person", "people");

    /// <summary>"95 % CI 0.58–0.90"; uses "to" when a bound is negative so the dash is not read as a minus.</summary>
    public static string Interval(double? low, double? high, Func<double, string> format)
    {
        if (low is not { } l || high is not { } h) return "no interval";
        var separator = l < 0 || h < 0 ? " to " : "–";
        return $"95 % CI {format(l)}{separator}{format(h)}";
    }

    public static string PValue(double? p) => p switch
    {
        null => NotAvailable,
        < 0.001 => "p < 0.001",
        { } v => "p = " + v.ToString("0.000", Inv),
    };

    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("d MMMM yyyy", Inv);

    /// <summary>The report's asOf exactly: the date when it is the end of that day (as a date alone means), else date and time.</summary>
    public static string AsOfText(DateTimeOffset value) =>
        value == SkillsLedger.Domain.Time.AsOf.EndOfDay(DateOnly.FromDateTime(value.UtcDateTime))
            ? Date(value) + " (end of day, UTC)"
            : value.UtcDateTime.ToString("d MMMM yyyy HH:mm:ss 'UTC'", Inv);

    /// <summary>tickets_resolved → tickets resolved.</summary>
    public static string Metric(string metric) => metric.Replace('_', ' ');
}
