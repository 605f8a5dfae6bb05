using Marten;
using SkillsLedger.Domain.Demo;
using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;

namespace SkillsLedger.Tests.Support;

/// <summary>A demo organisation appended through the ordinary write path (BatchLoader), for tests with their own store.</summary>
public static class DemoLedger
{
    public static async Task LoadAsync(DocumentStore store, string connectionString, DemoOptions options, string source)
    {
        await using var database = new LedgerDatabase(connectionString);
        var loader = new BatchLoader(new LedgerAppender(store, database, TimeProvider.System), new AppendContext("default", "test", source));
        long line = 0;
        await loader.LoadAsync(DemoOrganisation.Generate(options).Select(e => (++line, e)), null, CancellationToken.None);
    }
}
