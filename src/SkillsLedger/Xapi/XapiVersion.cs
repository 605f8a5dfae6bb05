namespace SkillsLedger.Xapi;

/// <summary>
/// The X-Experience-API-Version header: every request but /about names the version it speaks (1.0.x or 2.0.x);
/// the response names the version the LRS answers with for that request (1.0.3 or 2.0.0).
/// </summary>
public static class XapiVersion
{
    public const string Header = "X-Experience-API-Version";
    public static readonly string[] Supported = ["2.0.0", "1.0.3"];

    /// <returns>The version to answer with, or null when the header is absent or names a version we do not speak.</returns>
    public static string? Negotiate(string? requested) => requested switch
    {
        null => null,
        _ when requested.StartsWith("2.0", StringComparison.Ordinal) && IsVersion(requested) => "2.0.0",
        _ when requested.StartsWith("1.0", StringComparison.Ordinal) && IsVersion(requested) => "1.0.3",
        _ => null,
    };

    private static bool IsVersion(string v) => v.Split('.') is { Length: 2 or 3 } parts && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit));

    public static IEndpointFilter Filter { get; } = new VersionFilter();

    private sealed class VersionFilter : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            var requested = http.Request.Headers[Header].ToString();
            var version = Negotiate(requested.Length == 0 ? null : requested);
            var isAbout = http.Request.Path.Value?.EndsWith("/about", StringComparison.Ordinal) == true;
            var spoken = http.RequestServices.GetRequiredService<SpokenVersions>();
            var key = http.User.FindFirst(Web.LedgerClaims.KeyId)?.Value;
            if (version is not null && key is not null) spoken.Remember(key, version);
            http.Response.Headers[Header] = version ?? (key is null ? null : spoken.Of(key)) ?? Supported[0];
            if (version is null && !isAbout)
                return XapiResults.BadRequest(http, requested.Length == 0
                    ? $"the {Header} header is required (one of {string.Join(", ", Supported)})"
                    : $"{Header} '{requested}' is not supported (one of {string.Join(", ", Supported)})");
            http.Items[Header] = version ?? Supported[0];
            return await next(context);
        }
    }

    /// <summary>
    /// The version each API key last spoke (in this process). A request without the header, or with one we do not
    /// speak, is refused; its answer names the version that key's client has been speaking, the version it most likely
    /// expects (a 1.0.3 client reads 1.0.3), else the latest. Kept in memory only: after a restart, or on another node,
    /// such an answer names 2.0.0 until the key speaks again.
    /// </summary>
    public sealed class SpokenVersions
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _byKey = new(StringComparer.Ordinal);
        public void Remember(string keyId, string version) => _byKey[keyId] = version;
        public string? Of(string keyId) => _byKey.GetValueOrDefault(keyId);
    }

    public static string Of(HttpContext http) => http.Items[Header] as string ?? Supported[0];
}
