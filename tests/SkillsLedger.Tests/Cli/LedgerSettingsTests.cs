using SkillsLedger.Cli;

namespace SkillsLedger.Tests.Cli;

/// <summary>Settings come from SKILLSLEDGER_ variables with the command line on top, and bad values name their source.</summary>
public sealed class LedgerSettingsTests
{
    private static LedgerSettings From(string[] args, params (string Key, string Value)[] env) =>
        LedgerSettings.From(new CliArgs(args), env.ToDictionary(e => e.Key, e => (string?)e.Value));

    [Fact]
    public void Defaults_apply_when_nothing_is_set()
    {
        var s = From([]);
        Assert.Equal((".skillsledger", null, "http://127.0.0.1:5080", "solo", 200, 5, false),
            (s.DataDir, s.Db, s.Urls, s.Daemon, s.RateLimit, s.NodeHeartbeat, s.ServerTiming));
    }

    [Fact]
    public void Environment_variables_with_the_prefix_are_read_and_the_command_line_wins()
    {
        var s = From(["--data-dir", "/cli"], ("SKILLSLEDGER_DATA_DIR", "/env"), ("SKILLSLEDGER_RATE_LIMIT", "50"),
            ("SKILLSLEDGER_SERVER_TIMING", "1"), ("SKILLSLEDGER_DB", ""), ("OTHER_RATE_LIMIT", "7"), ("SKILLSLEDGER_URLS", "http://0.0.0.0:9000"));
        Assert.Equal(("/cli", 50, true, null, "http://0.0.0.0:9000"), (s.DataDir, s.RateLimit, s.ServerTiming, s.Db, s.Urls));
        Assert.Equal("/env", From([], ("SKILLSLEDGER_DATA_DIR", "/env")).DataDir);
    }

    [Fact]
    public void A_bad_number_names_the_variable_or_the_option()
    {
        Assert.Equal("SKILLSLEDGER_RATE_LIMIT must be a whole number (got 'fast')",
            Assert.Throws<UsageException>(() => From([], ("SKILLSLEDGER_RATE_LIMIT", "fast"))).Message);
        Assert.Equal("--heartbeat must be a whole number (got 'x')",
            Assert.Throws<UsageException>(() => From(["--heartbeat", "x"], ("SKILLSLEDGER_NODE_HEARTBEAT", "3"))).Message);
    }
}
