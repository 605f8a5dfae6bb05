using System.Text;
using SkillsLedger.Charts;
using SkillsLedger.Presentation;
using static SkillsLedger.Dashboard.DashboardPage;

namespace SkillsLedger.Dashboard;

/// <summary>
/// Pieces every page builds from: a chart inline as SVG with its text equivalent, a filter form, the "how this is
/// computed" link to the API route that gives the same figure, and the "not available yet" notice.
/// </summary>
public static class DashboardHtml
{
    /// <summary>A ScottPlot chart inline as SVG with its caption (the shared <see cref="ChartFigure"/>); the table after it holds the same figures.</summary>
    public static string Chart(RenderedChart chart, string label, string caption) =>
        HtmlRendering.Render<ChartFigure>(new Dictionary<string, object?>
        {
            [nameof(ChartFigure.Chart)] = chart,
            [nameof(ChartFigure.Title)] = label,
            [nameof(ChartFigure.Caption)] = caption,
        });

    /// <summary>A GET form of drop-downs (value "" = all) keeping the page's asOf, so the filtered URL can be shared.</summary>
    public static string Filters(DashboardLanguage t, DateTimeOffset? asOf, params (string Name, string Label, IReadOnlyList<string> Options, string? Current)[] selects)
    {
        var html = new StringBuilder("<form class=\"filters\" method=\"get\">");
        if (asOf is { } at) html.Append($"""<input type="hidden" name="asOf" value="{at.UtcDateTime:yyyy-MM-dd}">""");
        foreach (var (name, label, options, current) in selects)
        {
            html.Append($"""<label for="f-{name}">{E(label)}</label><select id="f-{name}" name="{name}"><option value="">{E(t["filter.all"])}</option>""");
            foreach (var o in options)
                html.Append($"""<option value="{E(o)}"{(o == current ? " selected" : "")}>{E(o)}</option>""");
            html.Append("</select>");
        }
        html.Append($"""<button type="submit">{E(t["filter.apply"])}</button></form>""");
        return html.ToString();
    }

    /// <summary>A GET form with one drop-down of fixed choices (labels from the page's texts, "{prefix}{value}"), keeping asOf.</summary>
    public static string Choice(DashboardLanguage t, DateTimeOffset asOf, string name, string label, IEnumerable<string> values, string current, string labelPrefix)
    {
        var html = new StringBuilder($"""<form class="filters" method="get"><input type="hidden" name="asOf" value="{asOf.UtcDateTime:yyyy-MM-dd}"><label for="f-{name}">{E(label)}</label><select id="f-{name}" name="{name}">""");
        foreach (var v in values)
            html.Append($"""<option value="{E(v)}"{(v == current ? " selected" : "")}>{E(t[labelPrefix + v])}</option>""");
        return html.Append($"""</select><button type="submit">{E(t["filter.apply"])}</button></form>""").ToString();
    }

    /// <summary>Where the figure comes from: the API route (with the same query) whose answer names the method in full.</summary>
    public static string Method(DashboardLanguage t, string apiPath, string? methodsSection = null) =>
        $"""<p class="method">{E(t["overview.method"])}: <a href="{E(apiPath)}">{E(apiPath.Split('?')[0])}</a>{(methodsSection is null ? "" : $" · docs/methods.md {E(methodsSection)}")}</p>""";

    public static string NotYet(DashboardLanguage t, string what) => $"""<p class="notyet">{E(what)}: {E(t["notyet"])}</p>""";

    /// <summary>?name= of the request, or null when absent or empty.</summary>
    public static string? Param(HttpRequest request, string name) => request.Query[name].ToString() is { Length: > 0 } v ? v : null;

    /// <summary>?asOf=YYYY-MM-DD for links that keep the page's date.</summary>
    public static string AsOfQuery(DateTimeOffset asOf) => $"asOf={asOf.UtcDateTime:yyyy-MM-dd}";

    /// <summary>A URL path segment (team names and person ids may hold spaces or slashes).</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);
}
