using SkillsLedger.Cli;
using SkillsLedger.Database;

// One executable: `serve` runs the HTTP service; the other verbs are CLI work against the same ledger.
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

const string Usage = """
    usage: skillsledger <verb> [options]
      serve [--urls http://127.0.0.1:5080] [--no-auth]   run the HTTP API (API keys required unless --no-auth)
            [--daemon solo|distributed] [--heartbeat 5]  distributed: one of several nodes sharing the projections
      keys create --org ORG --role ROLE [--name N] [--person ID] | keys list | keys revoke KEY_ID   manage API keys
      import FILE.jsonl [--batch-size N] [--per-batch]  append events from a JSONL file (one event per line; COPY in 20,000-event chunks, --per-batch: the normal path)
      import-hris FILE.csv --mapping MAP.json --snapshot-date YYYY-MM-DD [--batch-size 1000]
                                                   events from an HRIS snapshot CSV by a mapping (docs/hris-import.md)
      demo [--people 2000] [--seed 42] [--years 3] [--as-of YYYY-MM-DD] [--batch-size 1000]
                                                   load a deterministic synthetic organisation
      generate --people N [--years 3] [--seed 42] [--as-of YYYY-MM-DD] --out FILE.jsonl
                                                   write the demo organisation as JSONL (the import format), no database
      rebuild [PROJECTION] [--force]               rebuild projections from the event log (refused while serve runs unless --force)
      verify [--org ORG]                           re-walk the organisation's hash chain (exit 1 when broken)
      db start|stop|status|psql-url                manage the embedded PostgreSQL
      db create-bi-role NAME --password P [--org ORG]   a read-only login for BI tools (schema analytics; one organisation with --org)
      export TABLE [--format arrow|csv] [--out FILE]   one analytics.TABLE for the organisation (Arrow IPC stream or CSV)
      report roi [--program P] [--as-of YYYY-MM-DD] --out DIR
                                                   executive ROI report: roi-report.html, roi.json, charts (PNG + SVG)
      xapi mapping set FILE.json | xapi replay | xapi status
                                                   how xAPI statements become events (docs/xapi.md)
      codegen write [--out DIR]                    write the HTTP endpoints' generated code (Release builds compile it in)
      strategy status [--as-of T] [--known-at T]   each strategic goal's status, supply, forecast and linked learning
      evaluate forecasts --as-of T [--orgs A,B] [--details FILE.csv]
                                                   calibration backtest of the supply forecast from T − 12 months
    options for every verb:
      --db URL            use this PostgreSQL (or SKILLSLEDGER_DB) instead of the embedded one
      --data-dir DIR      where the embedded PostgreSQL keeps its data (or SKILLSLEDGER_DATA_DIR; default ./.skillsledger)
      --org ORG           organisation (default: default)
      --no-progress       no progress output (import, import-hris, demo, generate)
    environment: SKILLSLEDGER_DB, SKILLSLEDGER_DATA_DIR, SKILLSLEDGER_URLS, SKILLSLEDGER_DAEMON, SKILLSLEDGER_NODE_HEARTBEAT (serve), SKILLSLEDGER_PG_BINDIR, SKILLSLEDGER_DEBUG
    """;

try
{
    if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
    {
        Console.WriteLine(Usage);
        return args.Length == 0 ? 2 : 0;
    }
    var rest = new CliArgs(args.Skip(1));
    if (rest.Has("help"))
    {
        Console.WriteLine(Usage);
        return 0;
    }
    return args[0] switch
    {
        "serve" => await ServeCommand.RunAsync(rest, cts.Token),
        "import" => await ImportCommand.RunAsync(rest, cts.Token),
        "import-hris" => await HrisImportCommand.RunAsync(rest, cts.Token),
        "demo" => await DemoCommand.RunAsync(rest, cts.Token),
        "generate" => await GenerateCommand.RunAsync(rest, cts.Token),
        "db" => await DbCommand.RunAsync(rest, cts.Token),
        "rebuild" => await RebuildCommand.RunAsync(rest, cts.Token),
        "verify" => await VerifyCommand.RunAsync(rest, cts.Token),
        "keys" => await KeysCommand.RunAsync(rest, cts.Token),
        "export" => await ExportCommand.RunAsync(rest, cts.Token),
        "report" => await ReportCommand.RunAsync(rest, cts.Token),
        "codegen" => await CodegenCommand.RunAsync(rest, cts.Token),
        "xapi" => await XapiCommand.RunAsync(rest, cts.Token),
        "strategy" => await StrategyCommand.RunAsync(rest, cts.Token),
        "evaluate" => await EvaluateCommand.RunAsync(rest, cts.Token),
        _ => throw new UsageException($"unknown verb '{args[0]}' (try: serve, import, import-hris, demo, generate, export, report, rebuild, verify, keys, db, codegen, xapi, strategy, evaluate; or --help)"),
    };
}
catch (Exception ex) when (ex is UsageException or PostgresBinariesNotFoundException)
{
    Console.Error.WriteLine($"skillsledger: {ex.Message}");
    return 2;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("skillsledger: cancelled");
    return 130;
}
catch (Npgsql.NpgsqlException ex)
{
    Console.Error.WriteLine($"skillsledger: database error: {ex.Message}");
    return 1;
}
catch (Exception ex) when (Environment.GetEnvironmentVariable("SKILLSLEDGER_DEBUG") is null)
{
    Console.Error.WriteLine($"skillsledger: failed: {ex.GetType().Name}: {ex.Message} (set SKILLSLEDGER_DEBUG=1 for details)");
    return 1;
}
