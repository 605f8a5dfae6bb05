using System.Text.Json.Nodes;

namespace SkillsLedger.Xapi;

/// <summary>The indexed facts of a valid statement: what the GET filters compare against.</summary>
public sealed record StatementFacts(string Id, string Verb, string ActorKey, string? ObjectAgent, string? Activity, string? Registration,
    string? Target, string[] Agents, string[] Activities)
{
    public const string VoidedVerb = "http://adlnet.gov/expapi/verbs/voided";

    public static StatementFacts Of(JsonObject s)
    {
        var agents = new List<string>();
        var activities = new List<string>();
        Collect(s, agents, activities);
        var obj = s["object"]!.AsObject();
        var type = ObjectType(obj, "Activity");
        var verb = s["verb"]!["id"]!.GetValue<string>();
        return new StatementFacts(
            s["id"]!.GetValue<string>().ToLowerInvariant(), verb, AgentKey(s["actor"]!.AsObject()) ?? "",
            type is "Agent" or "Group" ? AgentKey(obj) : null,
            type == "Activity" ? obj["id"]!.GetValue<string>() : null,
            s["context"]?["registration"]?.GetValue<string>().ToLowerInvariant(),
            type == "StatementRef" ? obj["id"]!.GetValue<string>().ToLowerInvariant() : null,
            [.. agents.Distinct()], [.. activities.Distinct()]);
    }

    /// <summary>The statement this one voids, if it is a voiding statement.</summary>
    public string? Voids => Verb == VoidedVerb ? Target : null;

    public static string ObjectType(JsonObject o, string otherwise) => o["objectType"]?.GetValue<string>() ?? otherwise;

    /// <summary>One string per inverse functional identifier, so the same agent written two ways compares equal.</summary>
    public static string? AgentKey(JsonObject a)
    {
        if (a["mbox"] is { } m) return "mbox:" + m.GetValue<string>()[7..].ToLowerInvariant();
        if (a["mbox_sha1sum"] is { } s) return "sha1:" + s.GetValue<string>().ToLowerInvariant();
        if (a["openid"] is { } o) return "openid:" + o.GetValue<string>();
        if (a["account"] is JsonObject acc) return "account:" + acc["homePage"]!.GetValue<string>() + "|" + acc["name"]!.GetValue<string>();
        return null;
    }

    private static void Collect(JsonObject s, List<string> agents, List<string> activities)
    {
        AddAgent(s["actor"] as JsonObject, agents);
        AddAgent(s["authority"] as JsonObject, agents);
        if (s["object"] is JsonObject obj)
        {
            var type = ObjectType(obj, "Activity");
            if (type == "Activity") activities.Add(obj["id"]!.GetValue<string>());
            else if (type is "Agent" or "Group") AddAgent(obj, agents);
            else if (type == "SubStatement") Collect(obj, agents, activities);
        }
        if (s["context"] is JsonObject c)
        {
            AddAgent(c["instructor"] as JsonObject, agents);
            AddAgent(c["team"] as JsonObject, agents);
            if (c["contextActivities"] is JsonObject ca)
                foreach (var (_, v) in ca)
                    foreach (var a in v is JsonArray arr ? arr : new JsonArray(v!.DeepClone()))
                        if (a?["id"] is { } id) activities.Add(id.GetValue<string>());
        }
    }

    private static void AddAgent(JsonObject? a, List<string> agents)
    {
        if (a is null) return;
        if (AgentKey(a) is { } key) agents.Add(key);
        if (a["member"] is JsonArray members)
            foreach (var m in members.OfType<JsonObject>())
                if (AgentKey(m) is { } mk) agents.Add(mk);
    }
}
