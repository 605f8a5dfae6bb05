using System.Security.Claims;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;

namespace SkillsLedger.Access;

/// <summary>
/// Every /api route needs a key (Authorization: Bearer slk_…); /health and the OpenAPI document stay open.
/// 401 without a valid key — before any routing answer, so strangers learn nothing, not even which routes exist —
/// and 403 when the key's role may not call the route. The key's organisation scopes everything after this.
/// </summary>
public static class ApiAccessMiddleware
{
    public static IApplicationBuilder UseApiAccess(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            await next();
            return;
        }
        var options = http.RequestServices.GetRequiredService<LedgerServiceOptions>();
        if (!options.RequireAuthentication)
        {
            http.User = Principal("anonymous", options.DefaultOrganisation, Roles.Admin);
            await NextAndLogAsync(http, next);
            return;
        }
        var header = http.Request.Headers.Authorization.ToString();
        var info = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? await http.RequestServices.GetRequiredService<ApiKeys>().ValidateAsync(header[7..].Trim(), http.RequestAborted)
            : null;
        if (info is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            await Problems.Unauthorized(header.Length == 0 ? "send an API key: Authorization: Bearer <key>" : "the API key is not valid (unknown, revoked or malformed)")
                .ExecuteAsync(http);
            return;
        }
        http.User = Principal("key:" + info.Name, info.Organisation, info.Role);
        var template = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        if (template is not null && !template.StartsWith('/')) template = "/" + template;
        if (template is not null && !AccessPolicy.Allows(info.Role, http.Request.Method, template))
        {
            await Problems.Forbidden($"a key with role '{info.Role}' may not call {http.Request.Method} {template}").ExecuteAsync(http);
            return;
        }
        await NextAndLogAsync(http, next);
    });

    private static async Task NextAndLogAsync(HttpContext http, Func<Task> next)
    {
        await next();
        var template = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        if (template is null) return;
        if (!template.StartsWith('/')) template = "/" + template;
        // Log what reached the data: successful reads and not-found look-ups, not refusals or rate-limited calls.
        var status = http.Response.StatusCode;
        if ((status < 400 || status == StatusCodes.Status404NotFound) && AccessLog.IsPersonLevel(http.Request.Method, template))
            await AccessLog.RecordAsync(http, template);
    }

    private static ClaimsPrincipal Principal(string name, string organisation, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim("org", organisation), new Claim(ClaimTypes.Role, role)], "ApiKey"));
}
