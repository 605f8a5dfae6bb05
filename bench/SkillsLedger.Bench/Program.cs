using SkillsLedger.Bench;

// skillsledger-bench [--events N | --people N] [--years 3] [--scenarios a,b,c] [--quick] [--results DIR]
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
try
{
    var options = BenchOptions.Parse(args);
    var report = await BenchRunner.RunAsync(options, Console.Out, cts.Token);
    Console.WriteLine($"results written to {report.JsonPath}");
    return 0;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"skillsledger-bench: {ex.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
