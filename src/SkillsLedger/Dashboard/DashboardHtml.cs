namespace SkillsLedger.Dashboard;

/// <summary>
/// What the pages write into their URLs: query values read, dates and path segments written. The pieces every page
/// shows are Razor components (<see cref="MethodLink"/>, <see cref="FilterForm"/>, the shared ones in Presentation/).
/// </summary>
public static class DashboardHtml
{
    /// <summary>?name= of the request, or null when absent or empty.</summary>
    public static string? Param(HttpRequest request, string name) => request.Query[name].ToString() is { Length: > 0 } v ? v : null;

    /// <summary>A page's date as the URL and the date picker write it: YYYY-MM-DD.</summary>
    public static string Date(DateTimeOffset asOf) => asOf.UtcDateTime.ToString("yyyy-MM-dd");

    /// <summary>?asOf=YYYY-MM-DD for links that keep the page's date.</summary>
    public static string AsOfQuery(DateTimeOffset asOf) => $"asOf={Date(asOf)}";

    /// <summary>A URL path segment (team names and person ids may hold spaces or slashes).</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);
}
