using System.Globalization;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Web;

/// <summary>
/// Tells the reader when a figure was answered from an earlier state of the ledger (a slow figure while its next
/// computation runs, see <see cref="FigureCache"/>): the API adds <c>Figures-Through-Event: N</c> (the newest event
/// the oldest figure of the answer counts) and the dashboard shows a notice with the same number.
/// </summary>
public static class FigureFreshness
{
    public const string Header = "Figures-Through-Event";
    private const string Key = "figures.age";

    /// <summary>Keeps the oldest figure age of the request.</summary>
    public static void Record(HttpContext? http, FigureAge age)
    {
        if (http is null) return;
        lock (http.Items)
        {
            if (http.Items.TryGetValue(Key, out var was) && was is FigureAge old && old.ThroughEvent <= age.ThroughEvent) return;
            http.Items[Key] = age;
        }
        if (!http.Response.HasStarted)
            http.Response.Headers[Header] = age.ThroughEvent.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The oldest figure age of this request, or null when every figure is of the ledger as it is.</summary>
    public static FigureAge? Of(HttpContext http) =>
        http.Items.TryGetValue(Key, out var age) && age is FigureAge a ? a : null;
}
