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
        try
        {
            var body = await JsonNode.ParseAsync(http.Request.Body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }, cancellationToken: ct);
            return body is null ? (null, "the body must not be null") : (body, null);
        }
        catch (JsonException e) { return (null, "the body is not valid JSON: " + e.Message); }
    }

    public static string Organisation(HttpContext http) => http.User.Organisation();
}
