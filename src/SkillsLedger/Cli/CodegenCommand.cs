using JasperFx.CodeGeneration;
using SkillsLedger.Hosting;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Cli;

/// <summary>
/// skillsledger codegen write [--out DIR] — writes the classes Wolverine generates for the HTTP endpoints, which
/// Release builds compile in and load statically (see <see cref="GeneratedCode"/>). Run it after changing an
/// endpoint's signature, then rebuild. Needs no database.
/// </summary>
public static class CodegenCommand
{
    public static Task<int> RunAsync(CliArgs args, CancellationToken ct)
    {
        args.AllowOnly("out");
        if (args.Positionals is not ["write"])
            throw new UsageException("usage: skillsledger codegen write [--out DIR] (default: src/SkillsLedger/Internal/Generated of the repository you stand in)");
        var directory = args.Option("out") ?? DefaultDirectory()
            ?? throw new UsageException("not inside the SkillsLedger repository: say where with --out DIR");
        var files = WriteTo(directory);
        foreach (var file in files) Console.WriteLine($"wrote {Path.Combine(directory, file)}");
        Console.WriteLine($"{files.Count} generated files in {Path.GetFullPath(directory)}; rebuild (Release) to compile them in");
        return Task.FromResult(0);
    }

    /// <summary>Builds the service exactly as `serve` does, without starting it or touching a database, and writes its generated code.</summary>
    public static IReadOnlyList<string> WriteTo(string directory)
    {
        DynamicCodeBuilder.WithinCodegenCommand = true;
        try
        {
            // Never opened: building the host only reads the configuration.
            var app = LedgerHost.Build("Host=127.0.0.1;Database=codegen", "http://127.0.0.1:0");
            try { return GeneratedCode.Write(app.Services, directory); }
            finally { ((IDisposable)app).Dispose(); }
        }
        finally { DynamicCodeBuilder.WithinCodegenCommand = false; }
    }

    /// <summary>src/SkillsLedger/Internal/Generated of the repository around the current directory.</summary>
    private static string? DefaultDirectory()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var project = Path.Combine(dir.FullName, "src", "SkillsLedger");
            if (File.Exists(Path.Combine(project, "SkillsLedger.csproj"))) return Path.Combine(project, GeneratedCode.ProjectFolder);
            if (File.Exists(Path.Combine(dir.FullName, "SkillsLedger.csproj"))) return Path.Combine(dir.FullName, GeneratedCode.ProjectFolder);
        }
        return null;
    }
}
