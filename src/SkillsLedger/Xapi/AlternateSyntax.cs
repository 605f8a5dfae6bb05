using System.Text;
using Microsoft.Extensions.Primitives;
using SkillsLedger.Web;

namespace SkillsLedger.Xapi;

/// <summary>
/// xAPI 1.0.3's alternate request syntax (Communication 1.3), for clients that can only send POST (old browsers,
/// cross-origin forms): <c>POST /xapi/...?method=PUT</c> with an application/x-www-form-urlencoded body whose fields
/// are the headers (Authorization, X-Experience-API-Version, Content-Type, Content-Length, If-Match, If-None-Match),
/// the body (<c>content</c>) and the query parameters of the real request. It is rewritten into that request before
/// routing and authentication, so every route and rule applies unchanged. xAPI 2.0 dropped the syntax: a request
/// that speaks 2.0 is refused.
/// </summary>
public static class AlternateSyntax
{
    private static readonly string[] HeaderFields = ["Authorization", XapiVersion.Header, "Content-Type", "Content-Length", "If-Match", "If-None-Match"];
    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Post, HttpMethods.Delete];

    public static IApplicationBuilder UseXapiAlternateSyntax(this IApplicationBuilder app) => app.Use((http, next) =>
        http.Request.Path.StartsWithSegments("/xapi") && http.Request.Query.ContainsKey("method") ? RewriteOrRefuseAsync(http, next) : next(http));

    private static async Task RewriteOrRefuseAsync(HttpContext http, RequestDelegate next)
    {
        if (await RewriteAsync(http) is { } refusal)
        {
            var version = XapiVersion.Negotiate(http.Request.Headers[XapiVersion.Header].ToString() is { Length: > 0 } v ? v : null);
            http.Response.Headers[XapiVersion.Header] = version ?? XapiVersion.Supported[0];
            await XapiResults.BadRequest(http, refusal).ExecuteAsync(http);
            return;
        }
        await next(http);
    }

    /// <returns>Why the request cannot be rewritten, or null once it has been.</returns>
    private static async Task<string?> RewriteAsync(HttpContext http)
    {
        var request = http.Request;
        var method = request.Query["method"].ToString().ToUpperInvariant();
        if (!HttpMethods.IsPost(request.Method)) return "the alternate request syntax (?method=) must be sent as a POST";
        if (request.Query.Keys.FirstOrDefault(k => k != "method") is { } extra)
            return $"with ?method= the only query parameter is method; send '{extra}' as a form field";
        if (!Methods.Contains(method)) return $"?method={request.Query["method"]} is not one of GET, HEAD, PUT, POST, DELETE";
        if (!request.HasFormContentType || !(request.ContentType ?? "").StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            return "the alternate request syntax (?method=) takes an application/x-www-form-urlencoded body";
        var form = await request.ReadFormAsync(http.RequestAborted);
        var query = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        byte[] content = [];
        string? contentType = null;
        foreach (var (name, value) in form)
        {
            if (name == "content") content = Encoding.UTF8.GetBytes(value.ToString());
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) contentType = value.ToString();
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) { } // recomputed from content
            else if (HeaderFields.FirstOrDefault(h => h.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } header) request.Headers[header] = value;
            else query[name] = value;
        }
        if (request.Headers[XapiVersion.Header].ToString().StartsWith("2.", StringComparison.Ordinal))
            return "xAPI 2.0 has no alternate request syntax (?method=); send the request itself";
        request.Method = method;
        request.QueryString = QueryString.Create(query);
        request.Body = new MemoryStream(content);
        request.ContentLength = content.Length;
        request.ContentType = content.Length == 0 ? contentType : contentType ?? "application/json";
        return null;
    }
}
