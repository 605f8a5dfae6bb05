using System.Text.Json;

namespace SkillsLedger.Bench.Cluster;

/// <summary>One POST /api/events body and the event ids it carries (what the client expects to see stored once).</summary>
public sealed record IngestBatch(int Number, string Body, IReadOnlyList<string> EventIds);

/// <summary>Cuts a JSONL file into batches: catalogue events first, then whole people (a person never spans two batches).</summary>
public static class IngestBatches
{
    public static (List<IngestBatch> Catalogue, List<IngestBatch> People) Read(string file, int batchEvents)
    {
        var catalogue = new List<(string Line, string Id)>();
        var people = new List<List<(string Line, string Id)>>();
        string? lastPerson = null;
        foreach (var line in File.ReadLines(file))
        {
            if (line.Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            // The client names every event, so "stored exactly once" can be checked id by id.
            var id = root.TryGetProperty("eventId", out var e) && e.GetString() is { Length: > 0 } s
                ? s : throw new InvalidDataException("every input line needs an eventId (skillsledger generate writes them)");
            if (!root.TryGetProperty("personId", out var p)) { catalogue.Add((line, id)); continue; }
            var person = p.GetString();
            if (person != lastPerson) people.Add([]);
            lastPerson = person;
            people[^1].Add((line, id));
        }
        var number = 0;
        var catalogueBatches = catalogue.Chunk(1000).Select(c => Make(++number, c)).ToList();
        var personBatches = new List<IngestBatch>();
        var current = new List<(string Line, string Id)>();
        foreach (var person in people)
        {
            if (current.Count > 0 && current.Count + person.Count > batchEvents)
            {
                personBatches.Add(Make(++number, current));
                current = [];
            }
            current.AddRange(person);
        }
        if (current.Count > 0) personBatches.Add(Make(++number, current));
        return (catalogueBatches, personBatches);
    }

    private static IngestBatch Make(int number, IReadOnlyList<(string Line, string Id)> events) =>
        new(number, "{\"events\":[" + string.Join(",", events.Select(e => e.Line)) + "]}", events.Select(e => e.Id).ToList());
}
