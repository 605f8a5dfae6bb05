using System.Text;
using System.Text.Json.Nodes;

namespace SkillsLedger.Xapi;

/// <summary>
/// GET /statements?attachments=true (Communication 1.5.2, 2.1.3): multipart/mixed whose first part is the JSON answer
/// (one statement or a StatementResult) and each further part the content of one attachment those statements name,
/// once per SHA-2, with Content-Type (the attachment's contentType), Content-Transfer-Encoding binary and
/// X-Experience-API-Hash. Attachments whose content the LRS does not hold (fileUrl only, or erased) have no part.
/// </summary>
public static class AttachmentResponse
{
    public static async Task<IResult> CreateAsync(HttpContext http, AttachmentStore store, JsonNode answer, IEnumerable<JsonObject> statements, CancellationToken ct)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in statements)
            foreach (var (a, _) in XapiAttachments.Named(s, ""))
                types.TryAdd(XapiAttachments.Sha2(a), a["contentType"]!.GetValue<string>());
        var contents = await store.LoadAsync(XapiRequest.Organisation(http), types.Keys, ct);
        var boundary = "xapi-" + Guid.NewGuid().ToString("N");
        using var body = new MemoryStream();
        void Text(string s) => body.Write(Encoding.UTF8.GetBytes(s));
        Text($"--{boundary}\r\nContent-Type: application/json\r\n\r\n{answer.ToJsonString()}\r\n");
        foreach (var (sha2, type) in types)
        {
            if (!contents.TryGetValue(sha2, out var content)) continue;
            // A contentType is free text in a statement: keep a line break out of the part's headers.
            var safeType = type.ReplaceLineEndings(" ");
            Text($"--{boundary}\r\nContent-Type: {safeType}\r\nContent-Transfer-Encoding: binary\r\n{XapiAttachments.HashHeader}: {sha2}\r\n\r\n");
            body.Write(content);
            Text("\r\n");
        }
        Text($"--{boundary}--\r\n");
        return Results.Bytes(body.ToArray(), $"multipart/mixed; boundary={boundary}");
    }
}
