using System.Diagnostics;
using SkillsLedger.Domain.Demo;
using SkillsLedger.Domain.Time;
using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;

namespace SkillsLedger.Cli;

/// <summary>
/// skillsledger demo [--people 2000] [--seed 42] [--years 3] [--as-of YYYY-MM-DD] — loads a deterministic
/// synthetic organisation through the normal write path. Same options → same events with the same ids, so
/// loading twice appends nothing the second time.
/// </summary>
public static class DemoCommand
{
    public static async Task<int> RunAsync(CliArgs args, CancellationToken ct)
    {
        args.AllowOnly("people", "seed", "years", "as-of", "batch-size");
        var options = GenerateCommand.ParseOptions(args, DateTimeOffset.UtcNow);
        var asOf = options.AsOf!.Value;

        await using var db = await ResolvedDatabase.ResolveAsync(args, Console.Error.WriteLine, ct);
        Console.WriteLine($"demo: {options.People:N0} people, seed {options.Seed}, {options.Years} years up to {asOf:yyyy-MM-dd}, into the {db.Description}");
        await using var ledger = await CliLedger.OpenAsync(db.ConnectionString, ct);
        await RefuseAnotherAsOfAsync(ledger, options, args.Option("org") ?? LedgerStoreConfiguration.DefaultOrganisation, ct);
        var context = new AppendContext(args.Option("org") ?? LedgerStoreConfiguration.DefaultOrganisation, "cli:demo", $"demo-s{options.Seed}");

        // ~57 events a person on average: a good enough total for the progress bar.
        var progress = new Progress("demo", options.People * 57L, !args.Has("no-progress"));
        var loader = new BatchLoader(ledger.Appender, context, args.IntOption("batch-size", 1000, 1, 10_000));
        long line = 0;
        var totals = await loader.LoadAsync(DemoOrganisation.Generate(options).Select(e => (++line, e)),
            t => progress.Report(t.Appended + t.Duplicates, t.Appended + t.Duplicates), ct);
        progress.Done(totals.Appended + totals.Duplicates);

        Console.WriteLine(DemoOrganisation.Summarise(DemoOrganisation.Generate(options)));
        Console.WriteLine($"loaded in {progress.Elapsed.TotalSeconds:N1} s: {totals.Appended:N0} events appended, {totals.Duplicates:N0} already in the ledger; last sequence {totals.LastSequence}");

        // The report step: ReportCommand.WriteAsync first lets the async analytics projection catch up (run here, or by a
        // `serve` already running on this database), then reads it.
        var reportClock = Stopwatch.StartNew();
        var reportDir = ResolvedDatabase.ExternalDb(args) is null
            ? Path.Combine(ResolvedDatabase.DataDir(args), "report")
            : Path.GetFullPath("skillsledger-report");
        var organisation = args.Option("org") ?? LedgerStoreConfiguration.DefaultOrganisation;
        var reportAsOf = AsOf.EndOfDay(asOf);
        var html = await ReportCommand.WriteAsync(db.ConnectionString, organisation, reportAsOf, null, reportDir, Console.Error.WriteLine, ct);
        Console.WriteLine($"ROI report: {html}");
        Console.WriteLine($"  as of {reportAsOf:O} (the end of the demo's last day); the API gives the same figures with ?asOf={asOf:yyyy-MM-dd}");
        Console.WriteLine($"  written in {reportClock.Elapsed.TotalSeconds:N1} s, including the analytics projection catching up with the load");
        await PrintKeyAsync(ledger.Database, organisation, ct);
        return 0;
    }

    /// <summary>
    /// The API needs a key: a fresh ledger gets an admin key for the demo's organisation, printed once, so the next
    /// step (`serve`, then curl) works; when keys exist already, say how to make another instead of minting one per run.
    /// </summary>
    private static async Task PrintKeyAsync(LedgerDatabase database, string organisation, CancellationToken ct)
    {
        var keys = new SkillsLedger.Access.ApiKeys(database.DataSource, TimeProvider.System);
        if (await keys.AnyAsync(ct))
        {
            Console.WriteLine($"API keys exist already (skillsledger keys list); make another with: skillsledger keys create --org {organisation} --role admin");
            return;
        }
        var (info, key) = await keys.CreateAsync(organisation, SkillsLedger.Access.Roles.Admin, "demo-admin", ct);
        Console.WriteLine($"Created admin key '{info.Name}' for organisation '{organisation}' (shown once; use it as Authorization: Bearer <key>):");
        Console.WriteLine($"admin key: {key}");
    }

    /// <summary>
    /// Demo ids depend on the seed, not on --as-of. Loading the same seed for another as-of date would skip the
    /// ids already there and append the rest: two different histories mixed under one set of people. Refuse.
    /// </summary>
    private static async Task RefuseAnotherAsOfAsync(CliLedger ledger, DemoOptions options, string organisation, CancellationToken ct)
    {
        var first = DemoOrganisation.Generate(options).First();
        (string Stream, long Sequence)? found = null;
        await using (var conn = await ledger.Database.DataSource.OpenConnectionAsync(ct))
        await using (var cmd = new Npgsql.NpgsqlCommand(
            $"select stream_key, seq from {LedgerStoreConfiguration.Schema}.{LedgerTables.EventIds} where tenant_id = $1 and event_id = $2", conn))
        {
            cmd.Parameters.AddWithValue(organisation);
            cmd.Parameters.AddWithValue(first.EventId!);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct)) found = (r.GetString(0), r.GetInt64(1));
        }
        if (found is not { } at) return;
        // Through Marten's API: the demo's first event sits in a catalogue stream of a few events.
        await using var session = ledger.Store.QuerySession(organisation);
        var events = await session.Events.FetchStreamAsync(at.Stream, token: ct);
        if (events.FirstOrDefault(e => e.Sequence == at.Sequence)?.Data is Domain.Events.ILedgerEvent stored && stored.OccurredAt != first.OccurredAt)
        {
            var start = stored.OccurredAt.UtcDateTime;
            throw new UsageException($"this ledger already holds demo seed {options.Seed} for a history starting {start:yyyy-MM-dd}; " +
                                     $"pass --as-of {DateOnly.FromDateTime(start).AddYears(options.Years):yyyy-MM-dd}, or use another --seed or --data-dir");
        }
    }
}
