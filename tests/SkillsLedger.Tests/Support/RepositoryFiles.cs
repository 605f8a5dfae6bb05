namespace SkillsLedger.Tests.Support;

/// <summary>The checked-out repository the tests were built from, for tests that read its sources and docs.</summary>
public static class RepositoryFiles
{
    /// <summary>The folder holding SkillsLedger.sln, found upwards from the test's binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SkillsLedger.sln"))) return dir.FullName;
        throw new InvalidOperationException("SkillsLedger.sln not found above " + AppContext.BaseDirectory);
    }
}
