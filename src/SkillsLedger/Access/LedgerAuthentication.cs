namespace SkillsLedger.Access;

/// <summary>
/// The service's sign-in: one policy scheme, <see cref="Scheme"/>, that hands each request to the scheme that can read
/// its credential: an API key as Bearer (<see cref="ApiKeyAuthenticationHandler.Scheme"/>) or as HTTP Basic, key id
/// and secret (<see cref="BasicScheme"/>, for clients such as xAPI learning record providers that speak only Basic).
/// The dashboard's cookie sign-in plugs in here: register the cookie scheme and send requests without an
/// Authorization header to it in <see cref="Select"/>; the policies (<see cref="LedgerPolicies"/>) look only at the
/// claims, so every endpoint keeps its declaration.
/// </summary>
public static class LedgerAuthentication
{
    public const string Scheme = "Ledger";
    public const string BasicScheme = "ApiKeyBasic";

    public static IServiceCollection AddLedgerAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key (or, later, dashboard cookie)", o => o.ForwardDefaultSelector = Select)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.Scheme, _ => { })
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(BasicScheme, o => o.AcceptBasic = true);
        services.AddAuthorization(LedgerPolicies.Configure);
        return services;
    }

    private static string Select(HttpContext http) =>
        http.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
            ? BasicScheme
            : ApiKeyAuthenticationHandler.Scheme;
}
