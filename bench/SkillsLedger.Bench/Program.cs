using SkillsLedger.Bench;

// skillsledger-bench [--events N | --people N] [--years 3] [--scenarios a,b,c] [--quick] [--results DIR]
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
try
{
    // The load client of bench/cluster.sh (several nodes, one killed): its own verb, its own options.
    if (args.Length > 0 && args[0] == "cluster-client")
        return await SkillsLedger.Bench.Cluster.ClusterClient.RunAsync(args[1..], Console.Out, cts.Token);
    // Where ROI of every programme and the report spend their time, against an existing ledger (read-only).
    if (args.Length > 0 && args[0] == "roi-profile")
        return await RoiProfile.RunAsync(args[1..], Console.Out, cts.Token);
    var options = BenchOptions.Parse(args);
    var report = await BenchRunner.RunAsync(options, Console.Out, cts.Token);
    Console.WriteLine($"results written to {report.JsonPath}");
    return 0;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"skillsledger-bench: {ex.Message}");
    Console.Error.WriteLine(args.Length == 0 ? BenchOptions.Usage : args[0] switch
    {
        "cluster-client" => SkillsLedger.Bench.Cluster.ClusterClientOptions.Usage,
        "roi-profile" => RoiProfile.Usage,
        _ => BenchOptions.Usage,
    });
    return 2;
}
