using System.Text.Json;

namespace SkillsLedger.Tests.Infrastructure;

/// <summary>The executable's runtime settings that the person-level reads were measured with (docs/operations.md).</summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void Thread_pool_workers_do_not_spin_for_work()
    {
        // Copied next to the tests from the skillsledger project, as it ships.
        var path = Path.Combine(AppContext.BaseDirectory, "skillsledger.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.Equal(0, properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }
}
