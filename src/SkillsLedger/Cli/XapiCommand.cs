using SkillsLedger.Xapi;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.Validation;
using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;

namespace SkillsLedger.Cli;

/// <summary>
/// skillsledger xapi mapping set FILE.json | xapi replay | xapi status [--org ORG] — how the organisation's xAPI
/// statements become ledger events (docs/xapi.md): set the mapping (an xapi_mapping_set event), derive the held-back
/// statements under it, count statements by what became of them.
/// </summary>
public static class XapiCommand
{
    private const string UsageText = "usage: skillsledger xapi mapping set FILE.json | xapi replay | xapi status [--org ORG]";

    public static async Task<int> RunAsync(CliArgs args, CancellationToken ct)
    {
        args.AllowOnly();
        var verb = string.Join(' ', args.Positionals.Take(args.Positionals.Count > 0 && args.Positionals[0] == "mapping" ? 2 : 1));
        var org = args.Option("org") ?? LedgerStoreConfiguration.DefaultOrganisation;
        ILedgerEvent? mapping = null;
        switch (verb)
        {
            case "mapping set" when args.Positionals.Count == 3:
                if (ReadMapping(args.Positionals[2], out var problem) is not { } e)
                {
                    Console.Error.WriteLine($"xapi mapping set: {problem}; nothing was stored");
                    return 1;
                }
                mapping = e;
                break;
            case "replay" or "status" when args.Positionals.Count == 1:
                break;
            default:
                throw new UsageException(UsageText);
        }

        await using var db = await ResolvedDatabase.ResolveAsync(args, Console.Error.WriteLine, ct);
        await using var ledger = await CliLedger.OpenAsync(db.ConnectionString, ct);
        var context = new AppendContext(org, "cli:xapi", Guid.NewGuid().ToString());
        var evidence = new StatementEvidence(ledger.Appender, ledger.Database);
        switch (verb)
        {
            case "mapping set":
                var outcome = await ledger.Appender.AppendAsync([mapping!], context, ct: ct);
                if (outcome is AppendOutcome.Invalid invalid)
                {
                    Console.Error.WriteLine($"xapi mapping set: {string.Join("; ", invalid.Errors.Select(x => $"{x.Field}: {x.Message}"))}; nothing was stored");
                    return 1;
                }
                Console.WriteLine($"ok: mapping {mapping!.EventId} set for organisation '{org}'; run `skillsledger xapi replay` to derive held-back statements");
                return 0;
            case "replay":
                var r = await evidence.ReplayAsync(context, ct);
                Console.WriteLine($"replayed {r.Examined:N0} held-back statements of '{org}': {r.Derived:N0} derived ({r.Events:N0} events), {r.StillHeldBack:N0} still held back");
                return 0;
            default:
                var s = await evidence.StatusAsync(org, ct);
                Console.WriteLine($"statements of '{org}': {s.Stored:N0} stored, {s.Voided:N0} voided");
                foreach (var (state, n) in s.ByState) Console.WriteLine($"  {state,-32} {n,10:N0}");
                return 0;
        }
    }

    /// <summary>The mapping file: the fields of an xapi_mapping_set event (type and occurredAt may be left out).</summary>
    private static ILedgerEvent? ReadMapping(string file, out string? problem)
    {
        problem = null;
        if (!File.Exists(file)) { problem = $"no such file: {file}"; return null; }
        JsonObject body;
        try
        {
            if (JsonNode.Parse(File.ReadAllText(file)) is not JsonObject o) { problem = $"{file} must hold one JSON object"; return null; }
            body = o;
        }
        catch (JsonException ex) { problem = $"{file} is not valid JSON: {ex.Message}"; return null; }
        body["type"] ??= EventTypes.NameOf<XapiMappingSet>();
        body["occurredAt"] ??= DateTimeOffset.UtcNow.ToString("O");
        body["eventId"] ??= "xapi-mapping:" + Guid.CreateVersion7();
        using var doc = JsonDocument.Parse(body.ToJsonString());
        var errors = new List<FieldError>();
        var e = EventReader.Read(doc.RootElement, null, "", errors);
        if (errors.Count > 0 || e is not XapiMappingSet) { problem = string.Join("; ", errors.Select(x => $"{x.Field}: {x.Message}")); return null; }
        return e;
    }
}
