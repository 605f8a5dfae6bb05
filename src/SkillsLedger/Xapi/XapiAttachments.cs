using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace SkillsLedger.Xapi;

/// <summary>
/// Attachments of statements (xAPI Data 2.4.11, Communication 1.5.2): the Attachment objects a statement names, and the
/// rule that matches raw-data parts to them — by SHA-2 only, as the specification requires.
/// </summary>
public static class XapiAttachments
{
    public const string HashHeader = "X-Experience-API-Hash";

    /// <summary>The SHA-2 of the content, in the variant the declared hex digest's length implies; null when it implies none we compute.</summary>
    public static string? Sha2Of(byte[] content, string declared) => declared.Length switch
    {
        64 => Convert.ToHexStringLower(SHA256.HashData(content)),
        96 => Convert.ToHexStringLower(SHA384.HashData(content)),
        128 => Convert.ToHexStringLower(SHA512.HashData(content)),
        _ => null,
    };

    /// <summary>The Attachment objects of a statement and of its SubStatement (which may carry its own), with their JSON paths.</summary>
    public static IEnumerable<(JsonObject Attachment, string Path)> Named(JsonObject statement, string path)
    {
        if (statement["attachments"] is JsonArray own)
            for (var i = 0; i < own.Count; i++)
                if (own[i] is JsonObject a) yield return (a, $"{path}.attachments[{i}]");
        if (statement["object"] is JsonObject sub && StatementFacts.ObjectType(sub, "Activity") == "SubStatement" && sub["attachments"] is JsonArray inner)
            for (var i = 0; i < inner.Count; i++)
                if (inner[i] is JsonObject a) yield return (a, $"{path}.object.attachments[{i}]");
    }

    public static string Sha2(JsonObject attachment) => attachment["sha2"]!.GetValue<string>().ToLowerInvariant();

    /// <summary>The distinct SHA-2s (lowercase) a statement names.</summary>
    public static string[] Hashes(JsonObject statement) => [.. Named(statement, "").Select(a => Sha2(a.Attachment)).Distinct()];

    /// <summary>
    /// Every attachment without a fileUrl needs a part with its SHA-2, and every part must belong to an attachment of
    /// the request (Communication 1.5.2: "MUST reject batches of Statements having Attachments that neither contain a
    /// fileUrl nor match a received Attachment part based on their hash").
    /// </summary>
    /// <returns>Null when they match, or the first fault.</returns>
    public static string? Match(IReadOnlyList<JsonObject> statements, IReadOnlyDictionary<string, XapiRequest.AttachmentPart> parts)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < statements.Count; i++)
            foreach (var (a, path) in Named(statements[i], statements.Count == 1 ? "statement" : $"statements[{i}]"))
            {
                var sha2 = Sha2(a);
                named.Add(sha2);
                if (!a.ContainsKey("fileUrl") && !parts.ContainsKey(sha2))
                    return parts.Count == 0
                        ? $"{path}: no fileUrl, and no attachment content was sent (send the content as a multipart/mixed part with {HashHeader}: {sha2})"
                        : $"{path}: no fileUrl, and no multipart part has {HashHeader} {sha2}";
            }
        return parts.Keys.FirstOrDefault(h => !named.Contains(h)) is { } stray
            ? $"the multipart part with {HashHeader} {stray} matches no attachment's sha2 in the statements"
            : null;
    }
}
