using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;

namespace SkillsLedger.Access;

public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>
    /// Also accept HTTP Basic with the key id as user name and the secret as password (the two parts of
    /// slk_&lt;keyId&gt;_&lt;secret&gt;), for clients that speak only Basic (xAPI learning record providers).
    /// </summary>
    public bool AcceptBasic { get; set; }
}

/// <summary>
/// Our API keys as an ASP.NET Core authentication scheme: Authorization: Bearer slk_… (and Basic where the scheme
/// accepts it) becomes a principal with the key's name, organisation, role and key id (<see cref="LedgerClaims"/>).
/// No credential: no result (the endpoint's policy then challenges). 401 and 403 are problem+json like every other
/// refusal; the 401 says nothing about which routes exist.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<ApiKeyAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeys keys, IOptions<LedgerServiceOptions> settings) : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    /// <summary>The Bearer scheme's name (the Basic one: <see cref="LedgerAuthentication.BasicScheme"/>).</summary>
    public new const string Scheme = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var service = settings.Value;
        // `serve --no-auth` (logged loudly at start): every caller is an admin of the default organisation.
        if (!service.RequireAuthentication)
            return Success(LedgerClaims.Principal(base.Scheme.Name, "anonymous", service.DefaultOrganisation, Roles.Admin));
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return AuthenticateResult.NoResult();
        var info = Presented(header) is { } key ? await keys.ValidateAsync(key, Context.RequestAborted) : null;
        return info is null
            ? AuthenticateResult.Fail("the API key is not valid (unknown, revoked or malformed)")
            : Success(LedgerClaims.Principal(base.Scheme.Name, "key:" + info.Name, info.Organisation, info.Role, info.KeyId, info.PersonId));
    }

    private AuthenticateResult Success(System.Security.Claims.ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, base.Scheme.Name));

    /// <summary>The key as slk_&lt;keyId&gt;_&lt;secret&gt;, from Bearer or (when accepted) Basic; null when neither.</summary>
    private string? Presented(string header)
    {
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header[7..].Trim();
        if (!Options.AcceptBasic || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = pair.IndexOf(':');
            return colon < 0 ? null : $"slk_{pair[..colon]}_{pair[(colon + 1)..]}";
        }
        catch (FormatException)
        {
            return null;
        }
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = Options.AcceptBasic ? "Bearer, Basic realm=\"skillsledger\"" : "Bearer";
        return Problems.Unauthorized(Request.Headers.Authorization.ToString().Length == 0
            ? "send an API key: Authorization: Bearer <key>"
            : "the API key is not valid (unknown, revoked or malformed)").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var template = (Context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } t ? (t.StartsWith('/') ? t : "/" + t) : Request.Path.ToString();
        var role = Context.User.FindFirst(LedgerClaims.Role)?.Value;
        var own = Context.User.FindFirst(LedgerClaims.PersonId)?.Value;
        return Problems.Forbidden(own is null
            ? $"a key with role '{role}' may not call {Request.Method} {template}"
            : $"a key with role '{role}' may not call {Request.Method} {template} except for its own person").ExecuteAsync(Context);
    }
}
