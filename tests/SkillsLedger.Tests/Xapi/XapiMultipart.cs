using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace SkillsLedger.Tests.Xapi;

/// <summary>multipart/mixed statement requests built byte by byte, and multipart answers read back (xAPI Communication 1.5.2).</summary>
internal static class XapiMultipart
{
    public const string Boundary = "-------314159265358979323846";

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>One raw-data part; Hash defaults to the content's SHA-256, null headers are left out.</summary>
    public sealed record Part(byte[] Content, string? Hash = "", string? ContentType = "text/plain", string? TransferEncoding = "binary");

    /// <summary>An Attachment object for the content (sha2 of the content unless given).</summary>
    public static string Attachment(byte[] content, string contentType = "text/plain", string usage = "http://example.com/usage/essay",
        string? fileUrl = null, string? sha2 = null) =>
        new JsonObject
        {
            ["usageType"] = usage, ["display"] = new JsonObject { ["en-US"] = "an attachment" }, ["contentType"] = contentType,
            ["length"] = content.Length, ["sha2"] = sha2 ?? Sha256(content), ["fileUrl"] = fileUrl,
        }.ToJsonString().Replace(",\"fileUrl\":null", "");

    public static string Statement(string id, params string[] attachments) =>
        $"{{\"id\":\"{id}\",\"actor\":{{\"mbox\":\"mailto:att@example.com\"}},\"verb\":{{\"id\":\"http://adlnet.gov/expapi/verbs/attended\"}}," +
        $"\"object\":{{\"id\":\"http://example.com/att\"}}{(attachments.Length == 0 ? "" : ",\"attachments\":[" + string.Join(",", attachments) + "]")}}}";

    public static ByteArrayContent Body(string statementsJson, params Part[] parts)
    {
        using var body = new MemoryStream();
        void Text(string s) => body.Write(Encoding.UTF8.GetBytes(s));
        Text($"--{Boundary}\r\nContent-Type: application/json\r\n\r\n{statementsJson}\r\n");
        foreach (var p in parts)
        {
            Text($"--{Boundary}\r\n");
            if (p.ContentType is not null) Text($"Content-Type: {p.ContentType}\r\n");
            if (p.TransferEncoding is not null) Text($"Content-Transfer-Encoding: {p.TransferEncoding}\r\n");
            if (p.Hash is not null) Text($"X-Experience-API-Hash: {(p.Hash.Length == 0 ? Sha256(p.Content) : p.Hash)}\r\n");
            Text("\r\n");
            body.Write(p.Content);
            Text("\r\n");
        }
        Text($"--{Boundary}--\r\n");
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={Boundary}");
        return content;
    }

    public sealed record ReadPart(string? ContentType, string? TransferEncoding, string? Hash, byte[] Content);

    /// <summary>A multipart/mixed answer: the JSON of its first part and the attachment parts after it.</summary>
    public static async Task<(JsonNode Json, List<ReadPart> Parts)> ReadAsync(HttpResponseMessage response)
    {
        var type = response.Content.Headers.ContentType!;
        Assert.Equal("multipart/mixed", type.MediaType);
        var boundary = type.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        var reader = new MultipartReader(boundary, await response.Content.ReadAsStreamAsync());
        var first = await reader.ReadNextSectionAsync();
        Assert.Equal("application/json", first!.ContentType);
        var json = JsonNode.Parse(await new StreamReader(first.Body).ReadToEndAsync())!;
        var parts = new List<ReadPart>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            using var buffer = new MemoryStream();
            await section.Body.CopyToAsync(buffer);
            string? Header(string name) => section.Headers!.TryGetValue(name, out var v) ? v.ToString() : null;
            parts.Add(new ReadPart(section.ContentType, Header("Content-Transfer-Encoding"), Header("X-Experience-API-Hash"), buffer.ToArray()));
        }
        return (json, parts);
    }
}
