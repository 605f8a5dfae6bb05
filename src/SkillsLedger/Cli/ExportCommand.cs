using SkillsLedger.Export;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Cli;

/// <summary>skillsledger export TABLE [--format arrow|csv] [--out FILE]</summary>
public static class ExportCommand
{
    public const string UsageLine = "usage: skillsledger export TABLE [--format arrow|csv] [--out FILE]";

    public static async Task<int> RunAsync(CliArgs args, CancellationToken ct)
    {
        args.AllowOnly("format", "out");
        if (args.Positionals.Count != 1) throw new UsageException(UsageLine);
        var tableName = args.Positionals[0];
        var formatText = args.Option("format") ?? "arrow";
        if (ExportFormats.Parse(formatText) is not { } format)
            throw new UsageException($"--format must be arrow or csv (got '{formatText}')");
        var output = Path.GetFullPath(args.Option("out") ?? $"{tableName}.{ExportFormats.Extension(format)}");
        if (Path.GetDirectoryName(output) is { } dir && !Directory.Exists(dir)) throw new UsageException($"no such directory: {dir}");
        var organisation = args.Option("org") ?? LedgerStoreConfiguration.DefaultOrganisation;

        await using var db = await ResolvedDatabase.ResolveAsync(args, Console.Error.WriteLine, ct);
        await using var database = new LedgerDatabase(db.ConnectionString);
        var exporter = new AnalyticsExporter(database.DataSource);
        if (await exporter.DescribeAsync(tableName, ct) is not { } table)
        {
            var available = await exporter.ListTablesAsync(ct);
            throw new UsageException($"no table '{tableName}' in schema {AnalyticsExporter.SchemaName} " +
                                     $"(available: {(available.Count == 0 ? "none" : string.Join(", ", available))})");
        }

        // Written beside the target and renamed at the end, so a failed or cancelled export never leaves a
        // truncated file under the requested name.
        var partial = $"{output}.partial-{Environment.ProcessId}";
        var progress = new Progress($"export {table.Name}", null, !args.Has("no-progress"), unit: "rows");
        long rows;
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                rows = await exporter.ExportAsync(table, organisation, format, file, n => progress.Report(0, n), ct);
            File.Move(partial, output, overwrite: true);
        }
        catch
        {
            try { File.Delete(partial); } catch { /* best effort */ }
            throw;
        }
        progress.Done(rows);
        var megabytes = new FileInfo(output).Length / (1024.0 * 1024.0);
        Console.WriteLine($"exported {rows:N0} rows of {table.Name} to {output} ({megabytes:N1} MB) in {progress.Elapsed.TotalSeconds:N1} s");
        return 0;
    }
}
