using System.Text.Json.Nodes;

namespace SkillsLedger.Xapi;

/// <summary>
/// format=canonical: every language map reduced to the one entry that best fits the request's Accept-Language (an
/// exact tag, then the same primary language, then the statement's first entry).
/// </summary>
public static class Canonical
{
    private static readonly HashSet<string> LanguageMaps = ["display", "name", "description"];

    public static string[] Languages(string acceptLanguage) =>
        [.. acceptLanguage.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split(';')[0].Trim()).Where(tag => tag.Length > 0 && tag != "*")];

    public static void Apply(JsonNode? node, string[] languages)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (key == "extensions") continue;
                    // An agent's or group's "name" is a plain string, not a language map.
                    if (LanguageMaps.Contains(key) && value is JsonObject map) Reduce(map, languages);
                    else Apply(value, languages);
                }
                break;
            case JsonArray a:
                foreach (var item in a) Apply(item, languages);
                break;
        }
    }

    private static void Reduce(JsonObject map, string[] languages)
    {
        if (map.Count <= 1) return;
        var keys = map.Select(kv => kv.Key).ToList();
        var keep = languages.Select(l => keys.FirstOrDefault(k => string.Equals(k, l, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(k => k is not null)
            ?? languages.Select(l => keys.FirstOrDefault(k => string.Equals(k.Split('-')[0], l.Split('-')[0], StringComparison.OrdinalIgnoreCase))).FirstOrDefault(k => k is not null)
            ?? keys[0];
        foreach (var k in keys) if (k != keep) map.Remove(k);
    }
}
