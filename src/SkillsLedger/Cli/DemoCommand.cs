namespace SkillsLedger.Cli;

public static class DemoCommand
{
    public static Task<int> RunAsync(CliArgs args, CancellationToken ct) => throw new UsageException("demo: not yet available");
}
