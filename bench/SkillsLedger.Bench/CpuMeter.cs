using System.Globalization;

namespace SkillsLedger.Bench;

/// <summary>CPU time (ms) spent by the bench (the client), the service process, PostgreSQL and everything else on the machine.</summary>
public readonly record struct CpuUse(double ClientMs, double ServiceMs, double PostgresMs, double OtherMs)
{
    public static CpuUse operator -(CpuUse a, CpuUse b) =>
        new(a.ClientMs - b.ClientMs, a.ServiceMs - b.ServiceMs, a.PostgresMs - b.PostgresMs, a.OtherMs - b.OtherMs);

    public static CpuUse operator +(CpuUse a, CpuUse b) =>
        new(a.ClientMs + b.ClientMs, a.ServiceMs + b.ServiceMs, a.PostgresMs + b.PostgresMs, a.OtherMs + b.OtherMs);

    public void AddPerRequest(Dictionary<string, object> details, int requests)
    {
        details["cpuMsPerRequestClient"] = Math.Round(ClientMs / requests, 3);
        details["cpuMsPerRequestService"] = Math.Round(ServiceMs / requests, 3);
        details["cpuMsPerRequestPostgres"] = Math.Round(PostgresMs / requests, 3);
        details["cpuMsPerRequestOtherProcesses"] = Math.Round(OtherMs / requests, 3);
    }

    public string Describe(int requests) =>
        $"CPU ms/request: client {ClientMs / requests:N2}, service {ServiceMs / requests:N2}, PostgreSQL {PostgresMs / requests:N2}, other processes on the machine {OtherMs / requests:N2}";
}

/// <summary>
/// Reads per-process CPU time from /proc (Linux; zeros elsewhere): this process, the service (once started) and
/// PostgreSQL — the postmaster, its live children and the children it has reaped. "Other" is the machine's busy
/// time minus those three: other people's builds and tests on a shared machine.
/// </summary>
public sealed class CpuMeter(string pgDataDir)
{
    private const double MsPerTick = 10; // USER_HZ is 100 on Linux
    public int? Service { get; set; }

    public CpuUse Read()
    {
        if (!OperatingSystem.IsLinux()) return default;
        var client = Ticks(Environment.ProcessId, children: false);
        var service = Service is { } s ? Ticks(s, children: false) : 0;
        var postgres = 0L;
        if (PostmasterPid() is { } pm)
        {
            postgres = Ticks(pm, children: true);
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
                if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } f && f[1] == pm.ToString(CultureInfo.InvariantCulture))
                    postgres += long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
        }
        var busy = MachineBusyTicks();
        return new CpuUse(client * MsPerTick, service * MsPerTick, postgres * MsPerTick, (busy - client - service - postgres) * MsPerTick);
    }

    private int? PostmasterPid()
    {
        // The embedded launcher keeps the cluster one directory below its data directory.
        var file = new[] { pgDataDir }.Concat(Directory.EnumerateDirectories(pgDataDir))
            .Select(d => Path.Combine(d, "postmaster.pid")).FirstOrDefault(File.Exists);
        if (file is null) return null;
        try { return int.Parse(File.ReadLines(file).First(), CultureInfo.InvariantCulture); }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException) { return null; }
    }

    private static long Ticks(int pid, bool children)
    {
        if (Stat(pid) is not { } f) return 0;
        var t = long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
        return children ? t + long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture) : t;
    }

    /// <summary>The fields of /proc/PID/stat after the command name: [0] state, [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>All cores' non-idle time (user, nice, system, irq, softirq, steal) from /proc/stat.</summary>
    private static long MachineBusyTicks()
    {
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => long.Parse(f[i], CultureInfo.InvariantCulture));
    }
}
