using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SkillsLedger.Tests.Support;

/// <summary>Runs the real `skillsledger` executable as a separate process, the way a user does.</summary>
public sealed class CliProcess : IDisposable
{
    public static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "skillsledger.dll");

    public Process Process { get; }
    private readonly System.Text.StringBuilder _out = new(), _err = new();

    private CliProcess(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_out) _out.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_err) _err.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Stdout { get { lock (_out) return _out.ToString(); } }
    public string Stderr { get { lock (_err) return _err.ToString(); } }

    public static CliProcess Start(IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("SKILLSLEDGER_DB");
        psi.Environment.Remove("SKILLSLEDGER_DATA_DIR");
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        return new CliProcess(Process.Start(psi)!);
    }

    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        using var p = Start(env, args);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.Process.WaitForExitAsync(cts.Token);
        p.Process.WaitForExit(); // flush the async readers
        return (p.Process.ExitCode, p.Stdout, p.Stderr);
    }

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>Waits until GET url answers 200 (or the process dies).</summary>
    public async Task WaitReadyAsync(string url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Process.HasExited) throw new InvalidOperationException($"process exited with {Process.ExitCode}: {Stderr}");
            try
            {
                if ((await http.GetAsync(url)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{url} not ready after {timeout}: {Stderr}");
    }

    /// <summary>Waits until stdout has a line starting with the prefix, and returns it.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Stdout.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line) return line.TrimEnd('\r');
            await Task.Delay(100);
        }
        throw new TimeoutException($"no line starting with '{prefix}' in: {Stdout}");
    }

    /// <summary>SIGTERM: the graceful stop a service manager sends.</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", Process.Id.ToString()])!.WaitForExit();

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }
}
