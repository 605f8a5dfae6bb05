using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;

namespace SkillsLedger.Web;

/// <summary>Identity and correlation of the current request.</summary>
public static class RequestContext
{
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>"anonymous" until authentication exists (then: the key's name).</summary>
    public static string RecordedBy(HttpContext http) => http.User.Identity?.Name ?? "anonymous";

    /// <summary>The caller's organisation: from its credential once authentication exists, else the one `serve --org` names.</summary>
    public static string Organisation(HttpContext http) =>
        http.User.FindFirst("org")?.Value
        ?? http.RequestServices.GetService<LedgerServiceOptions>()?.DefaultOrganisation
        ?? LedgerStoreConfiguration.DefaultOrganisation;

    public static string CorrelationId(HttpContext http)
    {
        if (http.Items.TryGetValue(CorrelationHeader, out var existing) && existing is string s) return s;
        var header = http.Request.Headers[CorrelationHeader].ToString();
        var id = header.Length is > 0 and <= 100 && header.All(c => c > ' ' && c < 127) ? header : Guid.NewGuid().ToString();
        http.Items[CorrelationHeader] = id;
        http.Response.Headers[CorrelationHeader] = id;
        return id;
    }

    public static AppendContext ForAppend(HttpContext http) => new(Organisation(http), RecordedBy(http), CorrelationId(http));
}
