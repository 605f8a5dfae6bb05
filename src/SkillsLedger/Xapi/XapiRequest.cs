using System.Text.Json;
using System.Text.Json.Nodes;
using SkillsLedger.Web;

namespace SkillsLedger.Xapi;

/// <summary>Reading an xAPI request: exact, case-sensitive parameter names (xAPI refuses unknown ones) and a JSON body.</summary>
public static class XapiRequest
{
    /// <returns>The first parameter not in <paramref name="allowed"/>, or null.</returns>
    public static string? Unknown(HttpContext http, params string[] allowed) =>
        http.Request.Query.Keys.FirstOrDefault(k => !allowed.Contains(k, StringComparer.Ordinal));

    public static string? Param(HttpContext http, string name) =>
        http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    /// <returns>The parsed body, or an error message.</returns>
    public static async Task<(JsonNode? Body, string? Error)> JsonBodyAsync(HttpContext http, CancellationToken ct)
    {
        var type = http.Request.ContentType ?? "";
        if (!type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, type.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
                ? "statements with attachments (multipart/mixed) are not supported yet"
                : "Content-Type must be application/json");
        // The API's strict reader: invalid UTF-8 or a lone surrogate escape would otherwise fail only when the
        // statement is stored (a 500); here they are a 400 before anything is written.
        var (parsed, refused) = await RequestBody.ReadStrictAsync(http.Request, ct, MaxDepth);
        if (refused is not null) return (null, refused.Detail);
        using var document = parsed!.Document;
        var body = JsonNode.Parse(parsed.Bytes, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth });
        return body is null ? (null, "the body must not be null") : (body, null);
    }

    /// <summary>Nesting allowed in a statement (extensions are free JSON); deeper bodies are refused.</summary>
    private const int MaxDepth = 64;

    public static string Organisation(HttpContext http) => http.User.Organisation();
}
