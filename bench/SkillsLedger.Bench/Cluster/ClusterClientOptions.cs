namespace SkillsLedger.Bench.Cluster;

/// <summary>Settings of `skillsledger-bench cluster-client` (the load client of bench/cluster.sh).</summary>
public sealed record ClusterClientOptions
{
    public required IReadOnlyList<Uri> Nodes { get; init; }
    public required string ApiKey { get; init; }
    public required string InputFile { get; init; }
    public required string Database { get; init; }
    public string? OutFile { get; init; }
    public int Clients { get; init; } = 6;
    public int BatchEvents { get; init; } = 250;
    /// <summary>Seconds of ingest before the node running the analytics projection is SIGKILLed; 0: no kill.</summary>
    public double KillAfterSeconds { get; init; } = 15;
    /// <summary>Keep ingesting this long after the projection has recovered (or after <see cref="DuringIngest"/> returned), so the
    /// daemon works under load afterwards.</summary>
    public double AfterRecoverySeconds { get; init; } = 10;
    /// <summary>Without a kill: stop ingesting after this many seconds (0: post the whole input).</summary>
    public double DurationSeconds { get; init; }
    /// <summary>Pause of each client between batches: lets a small input last long enough for a kill (tests).</summary>
    public int PaceMilliseconds { get; init; }
    public double RequestTimeoutSeconds { get; init; } = 30;
    /// <summary>
    /// Tests only (no command-line form): run this <see cref="DuringIngestAfterSeconds"/> into the ingest while the clients keep
    /// posting — e.g. a forced rebuild from another process — then ingest <see cref="AfterRecoverySeconds"/> more and stop.
    /// Used instead of a kill (<see cref="KillAfterSeconds"/> must be 0).
    /// </summary>
    public Func<CancellationToken, Task>? DuringIngest { get; init; }
    public double DuringIngestAfterSeconds { get; init; } = 3;
    public double RecoveryTimeoutSeconds { get; init; } = 180;
    public double CatchUpTimeoutSeconds { get; init; } = 600;

    public const string Usage = """
        usage: skillsledger-bench cluster-client --nodes URL,URL,... --key KEY --input FILE.jsonl --db URL [--out FILE.json]
               [--clients 6] [--batch-events 250] [--kill-after 15 | 0 --duration S] [--after-recovery 10] [--pace-ms 0] [--request-timeout 30]
               [--catch-up-timeout 600 (0: do not wait for the analytics projection)]
        """;

    /// <summary>The same forms as the product's --db: a postgresql:// URL or an Npgsql key=value string.</summary>
    private static string ConnectionString(string text)
    {
        try { return SkillsLedger.Cli.ConnectionStrings.Normalise(text); }
        catch (SkillsLedger.Cli.UsageException ex) { throw new ArgumentException(ex.Message.Replace("--db / SKILLSLEDGER_DB", "--db")); }
    }

    public static ClusterClientOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
                throw new ArgumentException($"expected --option value, got '{args[i]}'");
            values[args[i][2..]] = args[++i];
        }
        string Required(string name) => values.Remove(name, out var v) && v.Length > 0 ? v : throw new ArgumentException($"--{name} is required");
        double Number(string name, double fallback, double min, double max)
        {
            if (!values.Remove(name, out var text)) return fallback;
            return double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
                ? v : throw new ArgumentException($"--{name} must be a number between {min} and {max} (got '{text}')");
        }
        var nodes = Required("nodes").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri : throw new ArgumentException($"--nodes: '{u}' is not a URL"))
            .ToList();
        var options = new ClusterClientOptions
        {
            Nodes = nodes,
            ApiKey = values.Remove("key", out var k) ? k : Environment.GetEnvironmentVariable("SKILLSLEDGER_KEY") ?? throw new ArgumentException("--key (or SKILLSLEDGER_KEY) is required"),
            InputFile = Required("input"),
            Database = ConnectionString(Required("db")),
            OutFile = values.Remove("out", out var o) ? o : null,
            Clients = (int)Number("clients", 6, 1, 64),
            BatchEvents = (int)Number("batch-events", 250, 1, 10_000),
            KillAfterSeconds = Number("kill-after", 15, 0, 3600),
            AfterRecoverySeconds = Number("after-recovery", 10, 0, 3600),
            PaceMilliseconds = (int)Number("pace-ms", 0, 0, 60_000),
            DurationSeconds = Number("duration", 0, 0, 86_400),
            RequestTimeoutSeconds = Number("request-timeout", 30, 1, 600),
            CatchUpTimeoutSeconds = Number("catch-up-timeout", 600, 0, 86_400),
        };
        if (values.Count > 0) throw new ArgumentException($"unknown option --{values.Keys.First()}");
        if (!File.Exists(options.InputFile)) throw new ArgumentException($"--input: no file '{options.InputFile}'");
        return options;
    }
}
