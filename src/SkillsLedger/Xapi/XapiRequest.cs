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
        if (type.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase)) return await MultipartBodyAsync(http, ct);
        if (!type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, "Content-Type must be application/json or multipart/mixed");
        // The API's strict reader: invalid UTF-8 or a lone surrogate escape would otherwise fail only when the
        // statement is stored (a 500); here they are a 400 before anything is written.
        var (parsed, refused) = await RequestBody.ReadStrictAsync(http.Request, ct, MaxDepth);
        if (refused is not null) return (null, refused.Detail);
        return Node(parsed!);
    }

    /// <summary>
    /// multipart/mixed whose first part is the statements (application/json). Attachment parts (raw data) are refused:
    /// the LRS does not store attachment content yet, and accepting them would drop data. Statements whose attachments
    /// point to a fileUrl need no part and are taken.
    /// </summary>
    private static async Task<(JsonNode? Body, string? Error)> MultipartBodyAsync(HttpContext http, CancellationToken ct)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var media)
            || Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(media.Boundary).Value is not { Length: > 0 } boundary)
            return (null, "multipart/mixed needs a boundary parameter");
        var reader = new Microsoft.AspNetCore.WebUtilities.MultipartReader(boundary, http.Request.Body) { BodyLengthLimit = RequestBody.MaxBytes };
        Microsoft.AspNetCore.WebUtilities.MultipartSection? first;
        try { first = await reader.ReadNextSectionAsync(ct); }
        catch (Exception e) when (e is IOException or InvalidDataException) { return (null, "the multipart/mixed body is malformed: " + e.Message); }
        if (first is null) return (null, "the multipart/mixed body has no parts");
        if (!(first.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, "the first part of a multipart/mixed body must be the statements, as application/json");
        using var buffer = new MemoryStream();
        try
        {
            await first.Body.CopyToAsync(buffer, ct);
            if (await reader.ReadNextSectionAsync(ct) is not null)
                return (null, "attachment content in multipart/mixed is not stored by this LRS yet; send attachments with a fileUrl");
        }
        catch (Exception e) when (e is IOException or InvalidDataException) { return (null, "the multipart/mixed body is malformed: " + e.Message); }
        var (parsed, refused) = RequestBody.Parse(buffer.ToArray(), MaxDepth);
        return refused is not null ? (null, refused.Detail) : Node(parsed!);
    }

    private static (JsonNode? Body, string? Error) Node(RequestBody.Parsed parsed)
    {
        using var document = parsed.Document;
        var body = JsonNode.Parse(parsed.Bytes, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth });
        return body is null ? (null, "the body must not be null") : (body, null);
    }

    /// <summary>Nesting allowed in a statement (extensions are free JSON); deeper bodies are refused.</summary>
    private const int MaxDepth = 64;

    public static string Organisation(HttpContext http) => http.User.Organisation();
}
