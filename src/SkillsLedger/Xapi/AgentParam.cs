using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillsLedger.Xapi;

/// <summary>The `agent` query parameter: a JSON Agent (or identified Group), reduced to its identifier key.</summary>
public static class AgentParam
{
    public static JsonObject? Parse(string? value)
    {
        if (value is null) return null;
        JsonNode? node;
        try { node = JsonNode.Parse(value); } catch (JsonException) { return null; }
        if (node is not JsonObject agent) return null;
        var probe = new JsonObject { ["actor"] = agent.DeepClone(), ["verb"] = new JsonObject { ["id"] = "urn:x:v" }, ["object"] = new JsonObject { ["id"] = "urn:x:o" } };
        return StatementValidator.Validate(probe) is null && StatementFacts.AgentKey(agent) is not null ? agent : null;
    }

    public static string? Key(string? value) => Parse(value) is { } a ? StatementFacts.AgentKey(a) : null;
}
