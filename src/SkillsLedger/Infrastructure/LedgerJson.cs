using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkillsLedger.Infrastructure;

/// <summary>The contract's JSON conventions (camelCase, enums as lower-case strings, nulls left out).</summary>
public static class LedgerJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>For derived figures: a missing value is shown as null ("level": null means no level, not zero).</summary>
    public static readonly JsonSerializerOptions Views = new(Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public static JsonSerializerOptions Configure(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // Keep "+02:00" and accented names readable in responses and exports (no \u002B escapes).
        o.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        // Enums as the contract writes them: snake_case in lower case ("manager", "on_the_job"); one-word names are
        // simply lower case, as they always were.
        o.Converters.Insert(0, new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return o;
    }
}
