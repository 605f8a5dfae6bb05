namespace SkillsLedger.Access;

/// <summary>
/// The service's sign-in: the default scheme, <see cref="Scheme"/> (the API key as Bearer), hands each request it cannot
/// read to the scheme that can (<see cref="AuthenticationSchemeOptions.ForwardDefaultSelector"/>): HTTP Basic, key id
/// and secret (<see cref="BasicScheme"/>, for clients such as xAPI learning record providers that speak only Basic),
/// or the dashboard's cookie. A policy scheme in front would do the same with one more handler built on every request,
/// and authentication runs on every request (docs/performance.md).
/// The dashboard's cookie sign-in plugs in here: register the cookie scheme and send requests without an
/// Authorization header to it in <see cref="Select"/>; the policies (<see cref="LedgerPolicies"/>) look only at the
/// claims, so every endpoint keeps its declaration.
/// </summary>
public static class LedgerAuthentication
{
    public const string Scheme = ApiKeyAuthenticationHandler.Scheme;
    public const string BasicScheme = "ApiKeyBasic";

    /// <summary>The dashboard's session cookie scheme (registered by the Dashboard slice) and its cookie.</summary>
    public const string CookieScheme = "Dashboard";
    public const string SessionCookie = "sl-session";

    public static IServiceCollection AddLedgerAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.Scheme, o => o.ForwardDefaultSelector = Select)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(BasicScheme, o => o.AcceptBasic = true);
        services.AddAuthorization(LedgerPolicies.Configure);
        return services;
    }

    /// <summary>
    /// A request that carries an Authorization header is a machine's: Basic or Bearer key. Without one, the dashboard's
    /// pages use the session cookie (and sign-in on a challenge); /api, /xapi and the OpenAPI document answer 401
    /// problem+json as before, except that a signed-in browser may read (GET) /api with its cookie — never write, so a
    /// forged cross-site form cannot append events.
    /// </summary>
    private static string Select(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return BasicScheme;
        if (header.Length > 0) return ApiKeyAuthenticationHandler.Scheme;
        var path = http.Request.Path;
        var machine = path.StartsWithSegments("/api") || path.StartsWithSegments("/xapi") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/health");
        if (!machine) return CookieScheme;
        return (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) && path.StartsWithSegments("/api")
               && http.Request.Cookies.ContainsKey(SessionCookie)
            ? CookieScheme
            : ApiKeyAuthenticationHandler.Scheme;
    }
}
