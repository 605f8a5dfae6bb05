namespace SkillsLedger.Tests.Hris;

/// <summary>
/// Finds the IBM HR attrition sample and the shipped mapping. The CSV is not in the repository (its licence is the
/// publisher's, see docs/hris-import.md): SKILLSLEDGER_IBM_HR_CSV, else examples/hris/, else shared/data/ibm-hr-attrition/
/// in the repository root or any folder above it (/work/shared/data on the development machines).
/// </summary>
public static class IbmSample
{
    public const string FileName = "WA_Fn-UseC_-HR-Employee-Attrition.csv";

    public static string RepoRoot => Support.RepositoryFiles.Root;

    public static string Mapping => Path.Combine(RepoRoot, "examples", "hris", "ibm-hr-attrition.mapping.json");

    /// <summary>
    /// The sample is not redistributed with the repository, so a machine without it reports the IBM tests as
    /// skipped, with the reason, rather than failing the build.
    /// </summary>
    public static void SkipIfMissing()
    {
        string path;
        try { path = Csv; }
        catch (FileNotFoundException ex) { throw new Xunit.SkipException(ex.Message); }
        if (!File.Exists(path)) throw new Xunit.SkipException($"{path} (SKILLSLEDGER_IBM_HR_CSV) does not exist");
    }

    public static string Csv
    {
        get
        {
            if (Environment.GetEnvironmentVariable("SKILLSLEDGER_IBM_HR_CSV") is { Length: > 0 } env) return env;
            var inRepo = Path.Combine(RepoRoot, "examples", "hris", FileName);
            if (File.Exists(inRepo)) return inRepo;
            for (var dir = new DirectoryInfo(RepoRoot); dir is not null; dir = dir.Parent)
            {
                var shared = Path.Combine(dir.FullName, "shared", "data", "ibm-hr-attrition", FileName);
                if (File.Exists(shared)) return shared;
            }
            throw new FileNotFoundException(
                $"{FileName} not found: set SKILLSLEDGER_IBM_HR_CSV or put it in examples/hris/ (where to get it: docs/hris-import.md)");
        }
    }

    /// <summary>The CSV read by the test's own code (no quotes in this file, so a split on commas is exact).</summary>
    public static (string[] Header, List<string[]> Rows) Read()
    {
        var lines = File.ReadAllLines(Csv).Where(l => l.Length > 0).ToList();
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        return (header, lines.Skip(1).Select(l => l.Split(',')).ToList());
    }
}
