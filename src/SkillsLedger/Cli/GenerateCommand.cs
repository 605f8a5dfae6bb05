using System.Globalization;
using System.Text.Json;
using SkillsLedger.Domain.Demo;
using SkillsLedger.Domain.Time;
using SkillsLedger.Domain.Events;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Cli;

/// <summary>
/// skillsledger generate --people N --years Y --seed S [--as-of YYYY-MM-DD] --out FILE.jsonl — writes the
/// deterministic demo organisation as JSONL in the contract's wire format (one event per line, "type" first, the
/// fields as POST /api/events accepts them), so `skillsledger import FILE.jsonl` loads it. Streams: memory stays flat
/// whatever --people is. Needs no database.
/// </summary>
public static class GenerateCommand
{
    public static async Task<int> RunAsync(CliArgs args, CancellationToken ct)
    {
        args.AllowOnly("people", "seed", "years", "as-of", "out", "events");
        if (args.Positionals.Count != 0 || args.Option("out") is not { Length: > 0 } file)
            throw new UsageException("usage: skillsledger generate --people N [--years 3] [--seed 42] [--as-of YYYY-MM-DD] [--events MAX] --out FILE.jsonl");
        var options = ParseOptions(args, DateTimeOffset.UtcNow);
        long? maxEvents = args.Has("events") ? args.IntOption("events", 0, 1, int.MaxValue) : null;

        var progress = new Progress($"generate {Path.GetFileName(file)}", maxEvents ?? options.People * 57L, !args.Has("no-progress"));
        var (events, bytes) = await WriteAsync(options, file, maxEvents, n => progress.Report(n, n), ct);
        progress.Done(events);
        Console.WriteLine($"generated {file}: {events:N0} events, {bytes / 1024.0 / 1024.0:N1} MB ({options.People:N0} people, seed {options.Seed}, " +
                          $"{options.Years} years up to {options.AsOf:yyyy-MM-dd}) in {progress.Elapsed.TotalSeconds:N1} s");
        return 0;
    }

    /// <summary>
    /// Options of `generate` and `demo`. History runs up to the end of --as-of, by default yesterday (UTC), and may not
    /// reach past the moment the command runs: a ledger must hold nothing dated later than when it was written, or the
    /// figures asked "as of now" would change while nothing new is recorded (docs/derivation.md §5).
    /// </summary>
    public static DemoOptions ParseOptions(CliArgs args, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var asOf = today.AddDays(-1);
        if (args.Option("as-of") is { } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out asOf))
                throw new UsageException($"--as-of must be a date like 2026-06-30 (got '{text}')");
            if (AsOf.EndOfDay(asOf) > now)
                throw new UsageException($"--as-of {text} ends after this moment: history is written up to the end of that day, so the latest is {today.AddDays(-1):yyyy-MM-dd}");
        }
        return new DemoOptions(
            People: args.IntOption("people", 2000, 1, 10_000_000),
            Seed: args.IntOption("seed", 42, 0, int.MaxValue),
            Years: args.IntOption("years", 3, 1, 50),
            AsOf: asOf);
    }

    /// <summary>Writes the generated events (at most <paramref name="maxEvents"/>) to a JSONL file; returns events and bytes written.</summary>
    public static async Task<(long Events, long Bytes)> WriteAsync(DemoOptions options, string file, long? maxEvents = null,
        Action<long>? onProgress = null, CancellationToken ct = default)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir) Directory.CreateDirectory(dir);
        await using var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: false);
        long count = 0;
        foreach (var evt in DemoOrganisation.Generate(options))
        {
            if (count == maxEvents) break;
            WriteLine(stream, evt);
            if (++count % 10_000 == 0)
            {
                ct.ThrowIfCancellationRequested();
                onProgress?.Invoke(count);
            }
        }
        await stream.FlushAsync(ct);
        return (count, stream.Length);
    }

    private static readonly byte[] Newline = "\n"u8.ToArray();

    /// <summary>One event as one line: {"type":"skill_assessed", then the record's own fields (camelCase, nulls left out)}.</summary>
    public static void WriteLine(Stream stream, ILedgerEvent evt)
    {
        stream.Write(ToJson(evt));
        stream.Write(Newline);
    }

    public static byte[] ToJson(ILedgerEvent evt)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(evt, evt.GetType(), LedgerJson.Options);
        var prefix = System.Text.Encoding.UTF8.GetBytes($"{{\"type\":\"{evt.Type}\"" + (body.Length > 2 ? "," : ""));
        var line = new byte[prefix.Length + body.Length - 1];
        prefix.CopyTo(line, 0);
        body.AsSpan(1).CopyTo(line.AsSpan(prefix.Length));
        return line;
    }
}
