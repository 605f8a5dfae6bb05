namespace SkillsLedger.Cli;

/// <summary>A usage mistake: printed as one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// Minimal argument parser: positionals plus "--name value" / "--name=value" options and bare "--flag"s.
/// Each verb declares the options it knows, so a typo is an error rather than silently ignored.
/// </summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    public IReadOnlyList<string> Positionals { get; }

    private static readonly HashSet<string> Flags = ["help", "no-progress", "no-auth", "per-batch", "force", "profile"];

    public CliArgs(IEnumerable<string> args)
    {
        var positionals = new List<string>();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a == "--") { positionals.Add(a); continue; }
            var name = a[2..];
            string? value = null;
            if (name.IndexOf('=') is var eq and > 0) { value = name[(eq + 1)..]; name = name[..eq]; }
            else if (!Flags.Contains(name))
            {
                if (i + 1 >= list.Count) throw new UsageException($"option --{name} needs a value");
                value = list[++i];
            }
            _options[name] = value;
        }
        Positionals = positionals;
    }

    public void AllowOnly(params string[] names)
    {
        var allowed = names.Concat(["db", "data-dir", "org", "help", "no-progress"]).ToHashSet();
        foreach (var name in _options.Keys)
            if (!allowed.Contains(name)) throw new UsageException($"unknown option --{name}");
    }

    public bool Has(string name) => _options.ContainsKey(name);
    public string? Option(string name) => _options.GetValueOrDefault(name);

    public int IntOption(string name, int fallback, int min, int max)
    {
        if (Option(name) is not { } text) return fallback;
        if (!int.TryParse(text, out var v) || v < min || v > max)
            throw new UsageException($"--{name} must be a whole number between {min} and {max} (got '{text}')");
        return v;
    }
}
