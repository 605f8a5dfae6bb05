using Microsoft.Extensions.Configuration;

namespace SkillsLedger.Cli;

/// <summary>
/// Every setting the service reads from outside: bound once from configuration, where environment variables with the
/// <c>SKILLSLEDGER_</c> prefix (<c>SKILLSLEDGER_DATA_DIR</c>, <c>SKILLSLEDGER_RATE_LIMIT</c>, …) sit below the command
/// line's options (<c>--data-dir</c>, …). No other code reads the environment, so docs/operations.md can list them all
/// from this one class, and a bad value is refused with the variable or option it came from.
/// </summary>
public sealed class LedgerSettings
{
    public const string EnvironmentPrefix = "SKILLSLEDGER_";

    /// <summary>Folder of the embedded PostgreSQL and the demo's report (--data-dir).</summary>
    [ConfigurationKeyName("DATA_DIR")] public string DataDir { get; set; } = ".skillsledger";

    /// <summary>An external PostgreSQL (connection string or postgresql:// URL) instead of the embedded one (--db).</summary>
    [ConfigurationKeyName("DB")] public string? Db { get; set; }

    /// <summary>Folders of initdb/pg_ctl (':'-separated) when they are neither on PATH nor in /usr/lib/postgresql/*/bin.</summary>
    [ConfigurationKeyName("PG_BINDIR")] public string? PgBinDir { get; set; }

    /// <summary>Addresses `serve` listens on (--urls).</summary>
    [ConfigurationKeyName("URLS")] public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>solo (one node, HotCold) or distributed (--daemon).</summary>
    [ConfigurationKeyName("DAEMON")] public string Daemon { get; set; } = "solo";

    /// <summary>Per-key sustained requests per second; the burst is twice this.</summary>
    [ConfigurationKeyName("RATE_LIMIT")] public int RateLimit { get; set; } = 200;

    /// <summary>"1" or "true": /api answers carry Server-Timing (the benchmark splits server time from client time).</summary>
    [ConfigurationKeyName("SERVER_TIMING")] public string? ServerTimingText { get; set; }

    /// <summary>Distributed daemon: seconds between a node's signs of life, 1–60 (--heartbeat).</summary>
    [ConfigurationKeyName("NODE_HEARTBEAT")] public int NodeHeartbeat { get; set; } = 5;

    /// <summary>Origins allowed to call /xapi from a browser: "*" (default), "none", or a comma-separated list (Xapi/XapiCors.cs).</summary>
    [ConfigurationKeyName("XAPI_CORS_ORIGINS")] public string? XapiCorsOrigins { get; set; }

    /// <summary>"0" or "false": `serve` does not compute the dashboard's slow figures ahead of time (on by default).</summary>
    [ConfigurationKeyName("WARM_FIGURES")] public string? WarmFiguresText { get; set; }

    public bool WarmFigures => WarmFiguresText is not ("0" or "false" or "FALSE" or "False");

    public bool ServerTiming => ServerTimingText is "1" || string.Equals(ServerTimingText, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Command-line option → setting it overrides.</summary>
    private static readonly (string Option, string Key)[] CommandLine =
        [("data-dir", "DATA_DIR"), ("db", "DB"), ("urls", "URLS"), ("daemon", "DAEMON"), ("heartbeat", "NODE_HEARTBEAT")];

    public static LedgerSettings From(CliArgs args, IDictionary<string, string?>? environment = null)
    {
        var builder = new ConfigurationBuilder();
        if (environment is null) builder.AddEnvironmentVariables(EnvironmentPrefix);
        else builder.AddInMemoryCollection(environment
            .Where(kv => kv.Key.StartsWith(EnvironmentPrefix, StringComparison.Ordinal))
            .Select(kv => KeyValuePair.Create(kv.Key[EnvironmentPrefix.Length..], kv.Value)));
        builder.AddInMemoryCollection(CommandLine.Where(o => args.Option(o.Option) is not null)
            .Select(o => KeyValuePair.Create(o.Key, args.Option(o.Option))));
        var configuration = builder.Build();
        // The binder's own message for a bad number names neither the variable nor the option: check them first.
        foreach (var key in (string[])["RATE_LIMIT", "NODE_HEARTBEAT"])
            if (configuration[key] is { } text && !int.TryParse(text, out _))
            {
                var option = CommandLine.FirstOrDefault(o => o.Key == key && args.Option(o.Option) is not null).Option;
                throw new UsageException($"{(option is null ? EnvironmentPrefix + key : "--" + option)} must be a whole number (got '{text}')");
            }
        var settings = configuration.Get<LedgerSettings>() ?? new LedgerSettings();
        // An empty variable means "not set" (e.g. SKILLSLEDGER_DB= in a compose file).
        if (string.IsNullOrEmpty(settings.Db)) settings.Db = null;
        if (string.IsNullOrEmpty(settings.PgBinDir)) settings.PgBinDir = null;
        return settings;
    }
}
