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

    /// <summary>A statements request: the statement(s), and the attachment parts of a multipart/mixed body by SHA-2 (lowercase hex).</summary>
    public sealed record StatementsBody(JsonNode Body, IReadOnlyDictionary<string, AttachmentPart> Parts);

    /// <summary>One raw-data part: its content and the Content-Type it was sent with.</summary>
    public sealed record AttachmentPart(string Sha2, string? ContentType, byte[] Content);

    /// <returns>The parsed body (and attachment parts), or an error message (TooLarge: a 413).</returns>
    public static async Task<(StatementsBody? Body, string? Error, bool TooLarge)> StatementsBodyAsync(HttpContext http, CancellationToken ct)
    {
        var type = http.Request.ContentType ?? "";
        if (type.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase)) return await MultipartBodyAsync(http, ct);
        if (!type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, "Content-Type must be application/json or multipart/mixed", false);
        // The API's strict reader: invalid UTF-8 or a lone surrogate escape would otherwise fail only when the
        // statement is stored (a 500); here they are a 400 before anything is written.
        var (parsed, refused) = await RequestBody.ReadStrictAsync(http.Request, ct, MaxDepth);
        if (refused is not null) return (null, refused.Detail, refused.TooLarge);
        var (body, error) = Node(parsed!);
        return body is null ? (null, error, false) : (new StatementsBody(body, NoParts), null, false);
    }

    private static readonly Dictionary<string, AttachmentPart> NoParts = [];

    /// <summary>
    /// multipart/mixed (xAPI Communication 1.5.2): the first part is the statements (application/json, through the same
    /// strict reader); every further part is raw attachment data whose X-Experience-API-Hash must be the SHA-256, -384
    /// or -512 of its content, with Content-Transfer-Encoding binary when given (absent: binary assumed, as the
    /// specification tells an LRS). Which attachment each part belongs to is decided later, by that hash only.
    /// </summary>
    private static async Task<(StatementsBody? Body, string? Error, bool TooLarge)> MultipartBodyAsync(HttpContext http, CancellationToken ct)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var media)
            || Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(media.Boundary).Value is not { Length: > 0 } boundary)
            return (null, "multipart/mixed needs a boundary parameter", false);
        if (http.Request.ContentLength > RequestBody.MaxBytes)
            return (null, $"the body is {http.Request.ContentLength} bytes; the limit is {RequestBody.MaxBytes} bytes (16 MiB), attachments included", true);
        var reader = new Microsoft.AspNetCore.WebUtilities.MultipartReader(boundary, http.Request.Body) { BodyLengthLimit = RequestBody.MaxBytes };
        var parts = new Dictionary<string, AttachmentPart>(StringComparer.Ordinal);
        byte[]? statements = null;
        long total = 0;
        try
        {
            for (var index = 0; await reader.ReadNextSectionAsync(ct) is { } section; index++)
            {
                using var buffer = new MemoryStream();
                await section.Body.CopyToAsync(buffer, ct);
                total += buffer.Length;
                if (total > RequestBody.MaxBytes)
                    return (null, $"the body is larger than the limit of {RequestBody.MaxBytes} bytes (16 MiB), attachments included", true);
                if (index == 0)
                {
                    if (!(section.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
                        return (null, "the first part of a multipart/mixed body must be the statements, as application/json", false);
                    statements = buffer.ToArray();
                    continue;
                }
                var (part, problem) = AttachmentPartOf(section, buffer.ToArray(), index);
                if (problem is not null) return (null, problem, false);
                parts.TryAdd(part!.Sha2, part);
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException) { return (null, "the multipart/mixed body is malformed: " + e.Message, false); }
        if (statements is null) return (null, "the multipart/mixed body has no parts", false);
        var (body, error) = Json(statements);
        return body is null ? (null, error, false) : (new StatementsBody(body, parts), null, false);
    }

    private static (AttachmentPart? Part, string? Problem) AttachmentPartOf(Microsoft.AspNetCore.WebUtilities.MultipartSection section, byte[] content, int index)
    {
        var where = $"multipart part {index + 1}";
        var encoding = section.Headers?.TryGetValue("Content-Transfer-Encoding", out var e) == true ? e.ToString().Trim() : null;
        if (encoding is not null && !encoding.Equals("binary", StringComparison.OrdinalIgnoreCase))
            return (null, $"{where}: Content-Transfer-Encoding must be binary (got '{encoding}')");
        if (section.Headers?.TryGetValue(XapiAttachments.HashHeader, out var h) != true || h.ToString().Trim() is not { Length: > 0 } declared)
            return (null, $"{where}: the {XapiAttachments.HashHeader} header is missing (every attachment part names the SHA-2 of its content)");
        if (XapiAttachments.Sha2Of(content, declared) is not { } actual)
            return (null, $"{where}: {XapiAttachments.HashHeader} must be a SHA-256, SHA-384 or SHA-512 digest in hex (got '{declared}')");
        if (!actual.Equals(declared, StringComparison.OrdinalIgnoreCase))
            return (null, $"{where}: the content's SHA-2 is {actual}, not the {declared} its {XapiAttachments.HashHeader} header names");
        return (new AttachmentPart(actual, section.ContentType, content), null);
    }

    /// <summary>JSON bytes through the strict reader (a multipart part, a signature's payload): the node, or why not.</summary>
    public static (JsonNode? Body, string? Error) Json(byte[] bytes)
    {
        var (parsed, refused) = RequestBody.Parse(bytes, MaxDepth);
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
