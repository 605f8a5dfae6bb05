using Microsoft.Playwright;

namespace SkillsLedger.Tests.Dashboard;

/// <summary>
/// Debian's Chromium driven by Playwright for .NET: the system executable, never a downloaded browser (.ci/run installs
/// `chromium` with apt-get when it is absent). One browser per test class; each test opens its own context (cookies).
/// Without Chromium the browser tests report skipped with the reason.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string? Executable = new[] { Environment.GetEnvironmentVariable("SKILLSLEDGER_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
        .FirstOrDefault(p => p is { Length: > 0 } && File.Exists(p));

    private IPlaywright? _playwright;
    public IBrowser? Browser { get; private set; }

    /// <summary>Screenshots of every page at 1440 px, for a person to look at (test output, not committed).</summary>
    public static string ScreenshotDir => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "dashboard-screenshots")).FullName;

    public async Task InitializeAsync()
    {
        if (Executable is null) return;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
