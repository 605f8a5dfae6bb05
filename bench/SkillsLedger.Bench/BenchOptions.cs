using System.Globalization;

namespace SkillsLedger.Bench;

/// <summary>What to run and how big. Sizes are in events; --people picks the organisation size instead.</summary>
public sealed record BenchOptions
{
    public static readonly string[] AllScenarios =
        ["copy-baseline", "import", "copy-ledger-baseline", "sql-aggregate-baseline", "rebuild", "catch-up", "reads", "analytics", "http-ingest", "cold-start"];

    public const string Usage = """
        usage: skillsledger-bench [--events N | --people N] [--years 3] [--seed 42] [--as-of YYYY-MM-DD]
                                  [--scenarios copy-baseline,import,copy-ledger-baseline,sql-aggregate-baseline,rebuild,catch-up,reads,analytics,http-ingest,cold-start]
                                  [--http-events N] [--read-requests N] [--read-warm-up 15] [--read-load 0.5] [--clients 8] [--quick] [--results DIR] [--keep] [--work DIR]
                                  [--serve-env NAME=VALUE,…] [--serve-db-options 'Key=Value;…']
        """;

    /// <summary>Events to generate and load; null when <see cref="People"/> decides.</summary>
    public long? Events { get; init; } = 300_000;
    public int? People { get; init; }
    public int Years { get; init; } = 3;
    public int Seed { get; init; } = 42;
    public DateOnly AsOf { get; init; } = new(2026, 11, 1);
    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;
    /// <summary>Events posted by http-ingest (default: the same as the import, at most 200,000).</summary>
    public long? HttpEvents { get; init; }
    /// <summary>Requests per route in the reads scenario.</summary>
    public int ReadRequests { get; init; } = 4000;
    public int Clients { get; init; } = 8;
    /// <summary>
    /// After the closed loop, the reads again at this fraction of the slowest route's closed-loop rate, as an open-loop
    /// schedule (0: not run).
    /// </summary>
    public double ReadLoad { get; init; } = 0.5;
    /// <summary>The reads scenario's warm-up of every route before measuring (the JIT's background recompilation needs ~15 s).</summary>
    public TimeSpan ReadWarmUp { get; init; } = TimeSpan.FromSeconds(15);
    public int ColdStarts { get; init; } = 3;
    /// <summary>Where the JSON goes; default bench/results of the repository (found from the current directory).</summary>
    public string? ResultsDir { get; init; }
    /// <summary>Keep the embedded cluster and the generated file afterwards.</summary>
    public bool Keep { get; init; }
    /// <summary>
    /// A work directory to keep and reuse (implies <see cref="Keep"/>): a later run with the same sizes skips
    /// generating the file and importing it when both are already there, so read scenarios can be repeated cheaply.
    /// </summary>
    public string? WorkDir { get; init; }
    /// <summary>Path of skillsledger.dll for the child processes (default: next to this program).</summary>
    public string SkillsLedgerDll { get; init; } = Path.Combine(AppContext.BaseDirectory, "skillsledger.dll");
    public bool Quiet { get; init; }
    /// <summary>Environment variables for the `serve` process of the reads scenario (runtime settings to compare, e.g. DOTNET_gcServer=0).</summary>
    public IReadOnlyDictionary<string, string> ServeEnvironment { get; init; } = new Dictionary<string, string>();
    /// <summary>Npgsql connection-string settings appended to the reads scenario's `serve --db` (e.g. Max Auto Prepare=0 to compare).</summary>
    public string? ServeDbOptions { get; init; }

    public static BenchOptions Quick => new() { Events = 3_000, ReadRequests = 200, ColdStarts = 1, ReadWarmUp = TimeSpan.Zero };

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = args.Contains("--quick") ? Quick : new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--quick") continue;
            if (name is "--keep") { o = o with { Keep = true }; continue; }
            if (name is "--help" or "-h") throw new ArgumentException("help");
            if (!name.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{name}'");
            if (i + 1 >= args.Count) throw new ArgumentException($"option {name} needs a value");
            var value = args[++i];
            o = name switch
            {
                "--events" => o with { Events = Long(name, value), People = null },
                "--people" => o with { People = (int)Long(name, value), Events = null },
                "--years" => o with { Years = (int)Long(name, value) },
                "--seed" => o with { Seed = (int)Long(name, value) },
                "--as-of" => o with { AsOf = DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture) },
                "--http-events" => o with { HttpEvents = Long(name, value) },
                "--read-requests" => o with { ReadRequests = (int)Long(name, value) },
                "--read-load" => o with { ReadLoad = Fraction(name, value) },
                "--clients" => o with { Clients = (int)Long(name, value) },
                "--read-warm-up" => o with { ReadWarmUp = TimeSpan.FromSeconds(Long(name, value)) },
                "--cold-starts" => o with { ColdStarts = (int)Long(name, value) },
                "--results" => o with { ResultsDir = value },
                "--work" => o with { WorkDir = Path.GetFullPath(value), Keep = true },
                "--scenarios" => o with { Scenarios = Scenario(value) },
                "--serve-env" => o with { ServeEnvironment = Pairs(name, value) },
                "--serve-db-options" => o with { ServeDbOptions = value },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        return o;
    }

    private static long Long(string name, string value) =>
        long.TryParse(value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v : throw new ArgumentException($"{name} must be a positive whole number (got '{value}')");

    private static double Fraction(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is >= 0 and < 1
            ? v : throw new ArgumentException($"{name} must be a fraction from 0 to below 1 (got '{value}')");

    private static Dictionary<string, string> Pairs(string name, string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p.Length == 2 && p[0].Length > 0 ? p[0] : throw new ArgumentException($"{name}: expected NAME=VALUE (got '{string.Join("=", p)}')"), p => p[1]);

    private static string[] Scenario(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var n in names)
            if (!AllScenarios.Contains(n)) throw new ArgumentException($"unknown scenario '{n}' (known: {string.Join(", ", AllScenarios)})");
        return names;
    }
}
