using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SkillsLedger.Hosting;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Infrastructure;

/// <summary>A normal start logs no warning an operator cannot act on (Wolverine's "found no handlers").</summary>
// No fixture: the test starts the one host it watches, on a database of its own.
public sealed class StartupLogTests
{
    [Fact]
    public async Task A_start_logs_no_wolverine_no_handlers_warning()
    {
        var captured = new Capture();
        var database = await TestCluster.CreateDatabaseAsync(nameof(StartupLogTests));
        await using (var host = LedgerHost.Build(database, "http://127.0.0.1:0", configure: b => b.Logging.AddProvider(captured)))
        {
            await host.StartAsync();
            // The capture is attached and sees warnings: a probe through the host's own logging arrives.
            host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("probe").LogWarning("probe warning");
            await host.StopAsync();
        }
        Assert.Contains(captured.Lines, l => l.Category == "probe");
        Assert.DoesNotContain(captured.Lines, l => l.Message.Contains("found no handlers"));
    }

    private sealed class Capture : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);
        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}
