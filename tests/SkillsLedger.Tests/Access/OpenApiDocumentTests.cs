using System.Text.Json;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Access;

/// <summary>
/// The OpenAPI document describes what a client needs without reading our code: each query parameter with its type,
/// default and meaning; the bearer scheme, applied to every /api operation; real response schemas; summaries that
/// say what the route answers. One route of each kind is checked in detail, and every query parameter in general.
/// </summary>
[Collection(SharedLedger.Service)]
public sealed class OpenApiDocumentTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("access-openapi");

    private async Task<JsonElement> DocumentAsync()
    {
        using var anonymous = await app.ClientForAsync(null, null); // the document is open, like /health
        return JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement;
    }

    private static JsonElement Operation(JsonElement doc, string method, string path) => doc.GetProperty("paths").GetProperty(path).GetProperty(method);

    private static JsonElement Parameter(JsonElement operation, string name) =>
        operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

    private static void AssertQuery(JsonElement operation, string name, string type, object? @default)
    {
        var p = Parameter(operation, name);
        Assert.Equal("query", p.GetProperty("in").GetString());
        var schema = p.GetProperty("schema");
        Assert.Equal(type, schema.GetProperty("type").GetString());
        if (@default is null) Assert.False(schema.TryGetProperty("default", out _), $"{name} has a default");
        else Assert.Equal(@default.ToString(), schema.GetProperty("default").ToString());
        Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("description").GetString()), $"{name} has no description");
    }

    private static string OkSchema(JsonElement operation, string contentType = "application/json") =>
        operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty(contentType).GetProperty("schema").GetProperty("$ref").GetString()!;

    private static void AssertSecured(JsonElement operation)
    {
        Assert.Contains(operation.GetProperty("security").EnumerateArray(), r => r.TryGetProperty("bearer", out _));
        foreach (var status in new[] { "401", "403" })
            Assert.True(operation.GetProperty("responses").GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    [Fact]
    public async Task The_bearer_scheme_is_declared_and_applied_to_every_api_operation_but_not_to_health()
    {
        var doc = await DocumentAsync();
        var bearer = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject())
            {
                if (path.Name.StartsWith("/api/")) AssertSecured(op.Value);
                else Assert.False(op.Value.TryGetProperty("security", out _), $"{path.Name} is open but declares security");
                var summary = op.Value.GetProperty("summary").GetString()!;
                Assert.NotEqual(op.Value.GetProperty("operationId").GetString(), summary);
                Assert.True(summary.Length > 20, $"{op.Name.ToUpperInvariant()} {path.Name}: summary '{summary}' says little");
            }
    }

    [Fact]
    public async Task Every_query_parameter_has_a_type_and_says_what_happens_when_it_is_left_out()
    {
        var doc = await DocumentAsync();
        var count = 0;
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject())
                if (op.Value.TryGetProperty("parameters", out var parameters))
                    foreach (var p in parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query"))
                    {
                        count++;
                        var name = $"{path.Name} {p.GetProperty("name").GetString()}";
                        Assert.True(p.GetProperty("schema").TryGetProperty("type", out _), $"{name}: no type");
                        var description = p.TryGetProperty("description", out var d) ? d.GetString()! : "";
                        var required = p.TryGetProperty("required", out var r) && r.GetBoolean();
                        Assert.True(required || description.Contains("Default") || description.Contains("left out"), $"{name}: no default stated ('{description}')");
                    }
        Assert.True(count >= 25, $"only {count} query parameters documented");
    }

    [Fact]
    public async Task One_route_of_each_kind_is_described_in_full()
    {
        var doc = await DocumentAsync();

        // Person-level: the shared point-in-time parameters and the view it answers with.
        var skills = Operation(doc, "get", "/api/people/{personId}/skills");
        AssertQuery(skills, "asOf", "string", null);
        AssertQuery(skills, "knownAt", "string", null);
        Assert.Equal("date-time", Parameter(skills, "asOf").GetProperty("schema").GetProperty("format").GetString());
        Assert.Contains("23:59:59.999999", Parameter(skills, "asOf").GetProperty("description").GetString());
        Assert.Equal("#/components/schemas/PersonSkillsView", OkSchema(skills));
        Assert.True(Parameter(skills, "personId").GetProperty("required").GetBoolean());

        // Analytics: integers with their defaults, a choice with its default.
        var retention = Operation(doc, "get", "/api/analytics/retention");
        AssertQuery(retention, "landmarkDays", "integer", 90);
        AssertQuery(retention, "horizonMonths", "integer", 12);
        AssertQuery(retention, "minGroupSize", "integer", 5);
        AssertQuery(retention, "by", "string", "learner");
        AssertQuery(retention, "asOf", "string", null);
        Assert.Equal("#/components/schemas/RetentionView", OkSchema(retention));
        Assert.True(doc.GetProperty("components").GetProperty("schemas").GetProperty("RetentionView").GetProperty("properties").TryGetProperty("asOf", out _));
        Assert.True(retention.GetProperty("responses").GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _));

        // Export: the format and the two media types it streams.
        var export = Operation(doc, "get", "/api/export/{table}");
        AssertQuery(export, "format", "string", "arrow");
        var media = export.GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.True(media.TryGetProperty("application/vnd.apache.arrow.stream", out _));
        Assert.True(media.TryGetProperty("text/csv", out _));

        // Audit: a required parameter and a bounded one.
        var access = Operation(doc, "get", "/api/audit/access");
        Assert.True(Parameter(access, "personId").GetProperty("required").GetBoolean());
        AssertQuery(access, "limit", "integer", 1000);
        Assert.Equal("#/components/schemas/AccessLogView", OkSchema(access));

        // Ingestion: what an append answers, and that it needs a key.
        var append = Operation(doc, "post", "/api/events");
        Assert.Equal("#/components/schemas/AppendResponse", OkSchema(append));
        AssertSecured(append);
        Assert.Contains("append", append.GetProperty("description").GetString());
    }
}
