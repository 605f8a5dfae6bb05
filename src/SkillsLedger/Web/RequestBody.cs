using System.Text.Json;

namespace SkillsLedger.Web;

/// <summary>Reads a JSON request body within a size limit, turning every way it can be wrong into a problem.</summary>
public static class RequestBody
{
    public const long MaxBytes = 16 * 1024 * 1024;

    public sealed record Parsed(JsonDocument Document, byte[] Bytes);

    /// <returns>The parsed body, or the problem to send back.</returns>
    public static async Task<(Parsed? Body, IResult? Problem)> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentType is { } ct0 && !ct0.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            && !ct0.Contains("+json", StringComparison.OrdinalIgnoreCase))
            return (null, Problems.UnsupportedMediaType($"send application/json (got {ct0})"));
        if (request.ContentLength > MaxBytes)
            return (null, Problems.TooLarge("body", $"the body is {request.ContentLength} bytes; the limit is {MaxBytes} bytes (16 MiB)"));

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
                return (null, Problems.TooLarge("body", $"the body is larger than the limit of {MaxBytes} bytes (16 MiB)"));
        }
        var bytes = buffer.ToArray();
        if (bytes.Length == 0) return (null, Problems.BadRequest("body", "the body is empty; send a JSON object"));
        // The JSON parser leaves string contents unchecked; invalid UTF-8 would only fail later, when a field is read.
        if (!System.Text.Unicode.Utf8.IsValid(bytes)) return (null, Problems.BadRequest("body", "the body is not valid UTF-8"));
        try
        {
            // A field sent twice ({"level": 3, "level": 5}) is ambiguous; the ledger cannot be corrected later, so refuse it.
            var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                return (null, Problems.BadRequest("body", "the body must be a JSON object"));
            }
            return (new Parsed(doc, bytes), null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest("body",
                $"malformed JSON at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}"));
        }
    }
}
