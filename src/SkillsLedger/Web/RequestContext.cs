using Microsoft.Extensions.Options;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Web;

/// <summary>Identity and correlation of the current request.</summary>
public static class RequestContext
{
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>The signed-in caller's name ("key:NAME" for an API key; "anonymous" only under `serve --no-auth`).</summary>
    public static string RecordedBy(HttpContext http) => http.User.Identity?.Name ?? "anonymous";

    /// <summary>The caller's organisation: from its credential (the org claim), else the default one (`serve --no-auth`).</summary>
    public static string Organisation(HttpContext http) =>
        http.User.FindFirst(LedgerClaims.Organisation)?.Value
        ?? http.RequestServices.GetService<IOptions<LedgerServiceOptions>>()?.Value.DefaultOrganisation
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

}
