using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SkillsLedger.Xapi;

/// <summary>
/// Strict xAPI statement validation (xAPI 1.0.3 / 2.0 Data, section 2): unknown properties, wrong types, missing
/// required parts and malformed identifiers are refused with the JSON path of the first fault, so nothing is stored.
/// </summary>
public static partial class StatementValidator
{
    /// <returns>null when valid, else a message naming the field.</returns>
    public static string? Validate(JsonNode? statement, bool substatement = false, string path = "statement")
    {
        try
        {
            NoNulls(statement, path);
            Statement(statement, substatement, path);
            return null;
        }
        catch (InvalidStatement e) { return e.Message; }
    }

    /// <summary>xAPI refuses null anywhere in a statement except inside extensions (whose content is free).</summary>
    private static void NoNulls(JsonNode? n, string path)
    {
        switch (n)
        {
            case null: Fail(path, "must not be null"); break;
            case JsonObject o:
                foreach (var (k, v) in o) if (k != "extensions") NoNulls(v, $"{path}.{k}");
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) NoNulls(a[i], $"{path}[{i}]");
                break;
        }
    }

    private sealed class InvalidStatement(string message) : Exception(message);

    private static void Fail(string path, string why) => throw new InvalidStatement($"{path}: {why}");

    private static JsonObject Obj(JsonNode? n, string path)
    {
        if (n is not JsonObject o) { Fail(path, "must be an object"); return null!; }
        return o;
    }

    private static string Str(JsonNode? n, string path)
    {
        if (n is not JsonValue v || !v.TryGetValue<string>(out var s)) { Fail(path, "must be a string"); return null!; }
        return s;
    }

    private static void Only(JsonObject o, string path, params string[] allowed)
    {
        foreach (var (k, _) in o)
            if (!allowed.Contains(k, StringComparer.Ordinal)) Fail($"{path}.{k}", "is not a property xAPI allows here");
    }

    private static void Statement(JsonNode? node, bool sub, string path)
    {
        var s = Obj(node, path);
        if (sub) Only(s, path, "objectType", "actor", "verb", "object", "result", "context", "timestamp", "attachments");
        else Only(s, path, "id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority", "version", "attachments");
        if (s["id"] is { } id) Uuid(id, path + ".id");
        if (!s.ContainsKey("actor")) Fail(path + ".actor", "is required");
        Actor(s["actor"], path + ".actor");
        if (!s.ContainsKey("verb")) Fail(path + ".verb", "is required");
        Verb(s["verb"], path + ".verb");
        if (!s.ContainsKey("object")) Fail(path + ".object", "is required");
        var objectType = Object(s["object"], sub, path + ".object");
        if (s["verb"]?["id"]?.GetValue<string>() == StatementFacts.VoidedVerb && objectType != "StatementRef")
            Fail(path + ".object", "a voiding statement's object must be a StatementRef");
        if (s["result"] is { } r) Result(r, path + ".result");
        if (s["context"] is { } c) Context(c, objectType, path + ".context");
        if (s["timestamp"] is { } ts) Timestamp(ts, path + ".timestamp");
        if (s["stored"] is { } st) Timestamp(st, path + ".stored");
        if (s["authority"] is { } au) Authority(au, path + ".authority");
        if (s["version"] is { } ver && !VersionPattern().IsMatch(Str(ver, path + ".version"))) Fail(path + ".version", "must be a 1.0.x or 2.0.x version");
        if (s["attachments"] is { } at) Attachments(at, path + ".attachments");
    }

    private static void Uuid(JsonNode? n, string path)
    {
        if (!UuidPattern().IsMatch(Str(n, path))) Fail(path, "must be a UUID");
    }

    private static void Iri(JsonNode? n, string path)
    {
        var s = Str(n, path);
        if (!Uri.TryCreate(s, UriKind.Absolute, out var u) || s.Contains(' ') || u.Scheme.Length == 0) Fail(path, "must be an absolute IRI");
    }

    private static void LanguageMap(JsonNode? n, string path)
    {
        var o = Obj(n, path);
        foreach (var (k, v) in o)
        {
            if (!LanguageTag().IsMatch(k)) Fail($"{path}.{k}", "is not an RFC 5646 language tag");
            Str(v, $"{path}.{k}");
        }
    }

    private static void Mailto(JsonNode? n, string path)
    {
        var s = Str(n, path);
        if (!s.StartsWith("mailto:", StringComparison.Ordinal) || !s[7..].Contains('@')) Fail(path, "must be a mailto: IRI");
    }

    /// <returns>How many inverse functional identifiers (mbox, mbox_sha1sum, openid, account) the agent carries.</returns>
    private static int Ifis(JsonObject a, string path)
    {
        var n = 0;
        if (a["mbox"] is { } mbox) { Mailto(mbox, path + ".mbox"); n++; }
        if (a["mbox_sha1sum"] is { } sha) { if (!Sha1Pattern().IsMatch(Str(sha, path + ".mbox_sha1sum"))) Fail(path + ".mbox_sha1sum", "must be a hex SHA-1"); n++; }
        if (a["openid"] is { } oid) { Iri(oid, path + ".openid"); n++; }
        if (a["account"] is { } acc)
        {
            var o = Obj(acc, path + ".account");
            Only(o, path + ".account", "homePage", "name");
            if (!o.ContainsKey("homePage")) Fail(path + ".account.homePage", "is required");
            Iri(o["homePage"], path + ".account.homePage");
            if (!o.ContainsKey("name")) Fail(path + ".account.name", "is required");
            Str(o["name"], path + ".account.name");
            n++;
        }
        return n;
    }

    private static void Actor(JsonNode? n, string path)
    {
        var a = Obj(n, path);
        var type = a["objectType"] is { } t ? Str(t, path + ".objectType") : "Agent";
        if (type == "Agent") Agent(a, path);
        else if (type == "Group") Group(a, path);
        else Fail(path + ".objectType", "must be Agent or Group");
    }

    public static void Agent(JsonObject a, string path)
    {
        Only(a, path, "objectType", "name", "mbox", "mbox_sha1sum", "openid", "account");
        if (a["name"] is { } name) Str(name, path + ".name");
        if (Ifis(a, path) != 1) Fail(path, "an Agent needs exactly one of mbox, mbox_sha1sum, openid, account");
    }

    private static void Group(JsonObject g, string path)
    {
        Only(g, path, "objectType", "name", "mbox", "mbox_sha1sum", "openid", "account", "member");
        if (g["name"] is { } name) Str(name, path + ".name");
        var ifis = Ifis(g, path);
        if (ifis > 1) Fail(path, "a Group has at most one of mbox, mbox_sha1sum, openid, account");
        if (g["member"] is { } m)
        {
            if (m is not JsonArray members) { Fail(path + ".member", "must be an array"); return; }
            for (var i = 0; i < members.Count; i++)
            {
                var mo = Obj(members[i], $"{path}.member[{i}]");
                if (mo["objectType"] is { } mt && Str(mt, $"{path}.member[{i}].objectType") != "Agent") Fail($"{path}.member[{i}].objectType", "members are Agents");
                Agent(mo, $"{path}.member[{i}]");
            }
        }
        else if (ifis == 0) Fail(path + ".member", "an anonymous Group needs members");
    }

    private static void Verb(JsonNode? n, string path)
    {
        var v = Obj(n, path);
        Only(v, path, "id", "display");
        if (!v.ContainsKey("id")) Fail(path + ".id", "is required");
        Iri(v["id"], path + ".id");
        if (v["display"] is { } d) LanguageMap(d, path + ".display");
    }

    private static string Object(JsonNode? n, bool sub, string path)
    {
        var o = Obj(n, path);
        var type = o["objectType"] is { } t ? Str(t, path + ".objectType") : "Activity";
        switch (type)
        {
            case "Activity":
                Activity(o, path);
                break;
            case "Agent":
                Agent(o, path);
                break;
            case "Group":
                Group(o, path);
                break;
            case "StatementRef":
                Only(o, path, "objectType", "id");
                if (!o.ContainsKey("id")) Fail(path + ".id", "is required");
                Uuid(o["id"], path + ".id");
                break;
            case "SubStatement":
                if (sub) Fail(path, "a SubStatement must not contain a SubStatement");
                Statement(o, true, path);
                break;
            default:
                Fail(path + ".objectType", "must be Activity, Agent, Group, StatementRef or SubStatement");
                break;
        }
        return type;
    }

    private static void Activity(JsonObject a, string path)
    {
        Only(a, path, "objectType", "id", "definition");
        if (!a.ContainsKey("id")) Fail(path + ".id", "is required");
        Iri(a["id"], path + ".id");
        if (a["definition"] is not { } dn) return;
        var d = Obj(dn, path + ".definition");
        var dp = path + ".definition";
        Only(d, dp, "name", "description", "type", "moreInfo", "extensions", "interactionType", "correctResponsesPattern", "choices", "scale", "source", "target", "steps");
        if (d["name"] is { } nm) LanguageMap(nm, dp + ".name");
        if (d["description"] is { } ds) LanguageMap(ds, dp + ".description");
        if (d["type"] is { } ty) Iri(ty, dp + ".type");
        if (d["moreInfo"] is { } mi) Iri(mi, dp + ".moreInfo");
        if (d["extensions"] is { } ex) Extensions(ex, dp + ".extensions");
        string? interaction = null;
        if (d["interactionType"] is { } it)
        {
            interaction = Str(it, dp + ".interactionType");
            if (!InteractionTypes.Contains(interaction)) Fail(dp + ".interactionType", "is not an xAPI interaction type");
        }
        if (d["correctResponsesPattern"] is { } crp)
        {
            if (interaction is null) Fail(dp + ".correctResponsesPattern", "needs an interactionType");
            if (crp is not JsonArray arr) { Fail(dp + ".correctResponsesPattern", "must be an array of strings"); return; }
            for (var i = 0; i < arr.Count; i++) Str(arr[i], $"{dp}.correctResponsesPattern[{i}]");
        }
        foreach (var list in new[] { "choices", "scale", "source", "target", "steps" })
        {
            if (d[list] is not { } l) continue;
            if (interaction is null) Fail($"{dp}.{list}", "needs an interactionType");
            if (l is not JsonArray items) { Fail($"{dp}.{list}", "must be an array"); return; }
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < items.Count; i++)
            {
                var ip = $"{dp}.{list}[{i}]";
                var c = Obj(items[i], ip);
                Only(c, ip, "id", "description");
                if (!ids.Add(Str(c["id"], ip + ".id"))) Fail(ip + ".id", "ids within a list must be distinct");
                if (c["description"] is { } cd) LanguageMap(cd, ip + ".description");
            }
        }
    }

    private static readonly string[] InteractionTypes = ["true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert", "numeric", "other"];

    private static void Extensions(JsonNode? n, string path)
    {
        foreach (var (k, _) in Obj(n, path))
            if (!Uri.TryCreate(k, UriKind.Absolute, out _)) Fail($"{path}.{k}", "extension keys must be absolute IRIs");
    }

    private static void Result(JsonNode? n, string path)
    {
        var r = Obj(n, path);
        Only(r, path, "score", "success", "completion", "response", "duration", "extensions");
        if (r["score"] is { } sn)
        {
            var s = Obj(sn, path + ".score");
            Only(s, path + ".score", "scaled", "raw", "min", "max");
            double? Num(string k)
            {
                if (s[k] is null) return null;
                if (s[k] is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.Number) Fail($"{path}.score.{k}", "must be a number");
                return s[k]!.GetValue<double>();
            }
            var scaled = Num("scaled"); var raw = Num("raw"); var min = Num("min"); var max = Num("max");
            if (scaled is < -1 or > 1) Fail(path + ".score.scaled", "must be between -1 and 1");
            if (min is not null && max is not null && max < min) Fail(path + ".score.max", "must not be below min");
            if (raw is not null && (raw < min || raw > max)) Fail(path + ".score.raw", "must be between min and max");
        }
        foreach (var b in new[] { "success", "completion" })
            if (r[b] is { } bv && (bv is not JsonValue v || v.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)))
                Fail($"{path}.{b}", "must be true or false");
        if (r["response"] is { } resp) Str(resp, path + ".response");
        if (r["duration"] is { } du && Str(du, path + ".duration") is var d && (!DurationPattern().IsMatch(d) || d.Contains('W') && !WeeksPattern().IsMatch(d)))
            Fail(path + ".duration", "must be an ISO 8601 duration (weeks only alone, as PnW)");
        if (r["extensions"] is { } ex) Extensions(ex, path + ".extensions");
    }

    private static void Context(JsonNode? n, string objectType, string path)
    {
        var c = Obj(n, path);
        Only(c, path, "registration", "instructor", "team", "contextActivities", "revision", "platform", "language", "statement", "extensions", "contextAgents", "contextGroups");
        if (c["registration"] is { } reg) Uuid(reg, path + ".registration");
        if (c["instructor"] is { } ins) Actor(ins, path + ".instructor");
        if (c["team"] is { } team)
        {
            var t = Obj(team, path + ".team");
            if (Str(t["objectType"], path + ".team.objectType") != "Group") Fail(path + ".team.objectType", "a team is a Group");
            Group(t, path + ".team");
        }
        if (c["contextActivities"] is { } ca)
        {
            var o = Obj(ca, path + ".contextActivities");
            Only(o, path + ".contextActivities", "parent", "grouping", "category", "other");
            foreach (var (k, v) in o)
            {
                var items = v is JsonArray arr ? arr.ToArray() : [v];
                for (var i = 0; i < items.Length; i++)
                {
                    var a = Obj(items[i], $"{path}.contextActivities.{k}[{i}]");
                    if (a["objectType"] is { } at && Str(at, $"{path}.contextActivities.{k}[{i}].objectType") != "Activity") Fail($"{path}.contextActivities.{k}[{i}].objectType", "must be Activity");
                    Activity(a, $"{path}.contextActivities.{k}[{i}]");
                }
            }
        }
        if (c["revision"] is { } rev) { Str(rev, path + ".revision"); if (objectType != "Activity") Fail(path + ".revision", "only when the object is an Activity"); }
        if (c["platform"] is { } pl) { Str(pl, path + ".platform"); if (objectType != "Activity") Fail(path + ".platform", "only when the object is an Activity"); }
        if (c["language"] is { } lang && !LanguageTag().IsMatch(Str(lang, path + ".language"))) Fail(path + ".language", "is not an RFC 5646 language tag");
        if (c["statement"] is { } st)
        {
            var o = Obj(st, path + ".statement");
            Only(o, path + ".statement", "objectType", "id");
            if (Str(o["objectType"], path + ".statement.objectType") != "StatementRef") Fail(path + ".statement.objectType", "must be StatementRef");
            Uuid(o["id"], path + ".statement.id");
        }
        if (c["extensions"] is { } ex) Extensions(ex, path + ".extensions");
        if (c["contextAgents"] is { } cag) ContextActors(cag, "contextAgent", "agent", path + ".contextAgents");
        if (c["contextGroups"] is { } cgr) ContextActors(cgr, "contextGroup", "group", path + ".contextGroups");
    }

    /// <summary>xAPI 2.0 contextAgents / contextGroups: {objectType, agent|group, relevantTypes (non-empty IRIs)}.</summary>
    private static void ContextActors(JsonNode n, string objectType, string member, string path)
    {
        if (n is not JsonArray arr) { Fail(path, "must be an array"); return; }
        for (var i = 0; i < arr.Count; i++)
        {
            var p = $"{path}[{i}]";
            var o = Obj(arr[i], p);
            Only(o, p, "objectType", member, "relevantTypes");
            if (Str(o["objectType"], p + ".objectType") != objectType) Fail(p + ".objectType", $"must be {objectType}");
            var actor = Obj(o[member], $"{p}.{member}");
            if (member == "group")
            {
                if (Str(actor["objectType"], $"{p}.group.objectType") != "Group") Fail($"{p}.group.objectType", "must be Group");
                Group(actor, $"{p}.group");
            }
            else Actor(actor, $"{p}.agent");
            if (o["relevantTypes"] is { } rt)
            {
                if (rt is not JsonArray { Count: > 0 } types) { Fail(p + ".relevantTypes", "must be a non-empty array of IRIs"); return; }
                for (var j = 0; j < types.Count; j++) Iri(types[j], $"{p}.relevantTypes[{j}]");
            }
        }
    }

    private static void Timestamp(JsonNode? n, string path)
    {
        var s = Str(n, path);
        if (!TimestampPattern().IsMatch(s) || s.EndsWith("-00:00", StringComparison.Ordinal) || s.EndsWith("-0000", StringComparison.Ordinal) || !DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            Fail(path, "must be an ISO 8601 timestamp with a time zone");
    }

    private static void Authority(JsonNode? n, string path)
    {
        var a = Obj(n, path);
        var type = a["objectType"] is { } t ? Str(t, path + ".objectType") : "Agent";
        if (type == "Agent") Agent(a, path);
        else if (type == "Group")
        {
            Group(a, path);
            if (Ifis(a, path) != 0 || a["member"] is not JsonArray { Count: 2 } members || !members.Any(m => m?["account"] is not null))
                Fail(path, "a Group authority is an anonymous Group of exactly two Agents, the OAuth consumer identified by an account and the user");
        }
        else Fail(path + ".objectType", "must be Agent or Group");
    }

    private static void Attachments(JsonNode? n, string path)
    {
        if (n is not JsonArray arr) { Fail(path, "must be an array"); return; }
        for (var i = 0; i < arr.Count; i++)
        {
            var p = $"{path}[{i}]";
            var a = Obj(arr[i], p);
            Only(a, p, "usageType", "display", "description", "contentType", "length", "sha2", "fileUrl");
            Iri(a["usageType"], p + ".usageType");
            LanguageMap(a["display"], p + ".display");
            if (a["description"] is { } d) LanguageMap(d, p + ".description");
            Str(a["contentType"], p + ".contentType");
            if (a["length"] is not JsonValue lv || !lv.TryGetValue<long>(out _)) Fail(p + ".length", "must be an integer");
            Str(a["sha2"], p + ".sha2");
            if (a["fileUrl"] is { } fu) Iri(fu, p + ".fileUrl");
        }
    }

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$")]
    private static partial Regex UuidPattern();
    [GeneratedRegex("^P\\d+(\\.\\d+)?W$")]
    private static partial Regex WeeksPattern();
    [GeneratedRegex("^[0-9a-fA-F]{40}$")]
    private static partial Regex Sha1Pattern();
    [GeneratedRegex("^(1\\.0|2\\.0)(\\.\\d+)?$")]
    private static partial Regex VersionPattern();
    [GeneratedRegex("^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();
    [GeneratedRegex("^P(?!$)(\\d+(\\.\\d+)?Y)?(\\d+(\\.\\d+)?M)?(\\d+(\\.\\d+)?W)?(\\d+(\\.\\d+)?D)?(T(?=\\d)(\\d+(\\.\\d+)?H)?(\\d+(\\.\\d+)?M)?(\\d+(\\.\\d+)?S)?)?$")]
    private static partial Regex DurationPattern();
    [GeneratedRegex("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})$")]
    private static partial Regex TimestampPattern();
}
