using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Xapi;

/// <summary>
/// CORS for /xapi only (not /api, not the dashboard): learning content runs in a browser on the LMS's or a CDN's origin
/// and posts statements here, so the browser asks first (preflight) whether that origin may send Authorization,
/// Content-Type, the xAPI version and the concurrency headers, and may read ETag, Last-Modified and the xAPI headers.
/// Which origins: SKILLSLEDGER_XAPI_CORS_ORIGINS (docs/operations.md), default any origin — safe here because /xapi
/// takes no ambient credential (no cookie: Access/LedgerAuthentication.cs), so a page gains nothing from the browser
/// that its own script does not hold (docs/security.md). Credentials mode is never allowed.
/// </summary>
public sealed class XapiCors(IOptions<LedgerServiceOptions> settings) : IConfigureOptions<CorsOptions>
{
    public const string Policy = "xapi";

    public static readonly string[] AllowedHeaders = ["Authorization", "Content-Type", XapiVersion.Header, "If-Match", "If-None-Match"];
    public static readonly string[] ExposedHeaders = ["ETag", "Last-Modified", "X-Experience-API-Consistent-Through", XapiVersion.Header];

    public void Configure(CorsOptions o) => o.AddPolicy(Policy, p =>
    {
        var options = settings.Value;
        if (options.XapiCorsOrigins.Contains("*")) p.AllowAnyOrigin();
        else p.WithOrigins([.. options.XapiCorsOrigins]);
        p.WithMethods("GET", "HEAD", "PUT", "POST", "DELETE")
            .WithHeaders(AllowedHeaders)
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromHours(1));
    });

    /// <summary>
    /// SKILLSLEDGER_XAPI_CORS_ORIGINS: "*" (any origin), "none", or origins separated by commas (scheme://host[:port]).
    /// </summary>
    /// <returns>The origins, or null with why the value is not one.</returns>
    public static (IReadOnlyList<string>? Origins, string? Problem) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (["*"], null);
        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)) return ([], null);
        var origins = new List<string>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (item == "*") return (["*"], null);
            if (!Uri.TryCreate(item, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || item.EndsWith('/') || uri.UserInfo.Length > 0)
                return (null, $"'{item}' is not an origin (scheme://host or scheme://host:port, no path)");
            origins.Add(item);
        }
        return (origins, null);
    }
}
