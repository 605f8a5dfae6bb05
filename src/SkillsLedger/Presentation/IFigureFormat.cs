namespace SkillsLedger.Presentation;

/// <summary>
/// How a page writes words and figures in its language, so that one component serves both the executive report
/// (<c>Reports.ReportFormat</c>) and the dashboard (<c>Dashboard.DashboardLanguage</c>). Every sentence a shared
/// component shows is written in it once, English and Dutch side by side (<see cref="L"/>); each medium keeps its own
/// conventions where its readers (and its tests) expect them, e.g. the report's whole signed ROI percent.
/// </summary>
public interface IFigureFormat
{
    bool IsDutch { get; }

    /// <summary>The text in this language.</summary>
    string L(string en, string nl);

    /// <summary>A whole number with thousands separators: 1,234 / 1.234.</summary>
    string Count(int value);

    /// <summary>"1 person" / "n people" (medewerker / medewerkers).</summary>
    string People(int value);

    /// <summary>A number with this many decimals and a minus sign where negative.</summary>
    string Decimal(double value, int decimals);

    /// <summary>A change, always signed: +0.25 / −0.10 (a real minus sign).</summary>
    string Signed(double? value, int decimals);

    /// <summary>A share (0–1) as a percentage with one decimal: 87.3 %.</summary>
    string Share(double? share);

    /// <summary>A share's 95 % interval, labelled: "95 % CI 58.0 %–90.0 %".</summary>
    string ShareInterval(double? low, double? high);

    /// <summary>A share's interval alone, for a column already labelled: "58.0 %–90.0 %" / "58.0–90.0 %".</summary>
    string ShareRange(double? low, double? high);

    /// <summary>An estimate's 95 % interval with this many decimals, labelled.</summary>
    string Interval(double? low, double? high, int decimals);

    /// <summary>"p = 0.012" / "p &lt; 0.001".</summary>
    string PValue(double? p);

    /// <summary>ROI in percent (100 = benefits twice the costs).</summary>
    string RoiPercent(double? percent);

    /// <summary>Benefit–cost ratio, two decimals.</summary>
    string Ratio(double? value);

    /// <summary>Money in whole units with its currency: EUR 44,640.</summary>
    string Money(double value, string currency);

    /// <summary>Payback period in months, or that it is not reached.</summary>
    string Months(double? value);

    /// <summary>5 December 2026 / 5 december 2026.</summary>
    string Date(DateOnly day);

    /// <summary>A month's short name for axes and column heads: Mar / mrt.</summary>
    string MonthShort(DateOnly month);

    /// <summary>The words charts draw inside the picture (bar names, "n.s.", month ticks) in this language.</summary>
    SkillsLedger.Charts.ChartWords ChartWords { get; }

    /// <summary>A sentence an analysis wrote (in English): as it is, or in Dutch.</summary>
    string Analysis(string english);
}
