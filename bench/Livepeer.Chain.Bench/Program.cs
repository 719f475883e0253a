using BenchmarkDotNet.Running;
using Livepeer.Chain.Bench.Scenarios;

// Whole-system scenarios (timed runs over a real store):
//   dotnet run -c Release --project bench/Livepeer.Chain.Bench -- throughput [seconds] [senders]
//   dotnet run -c Release --project bench/Livepeer.Chain.Bench -- rpc [seconds] [clients]
//   dotnet run -c Release --project bench/Livepeer.Chain.Bench -- commit
//   dotnet run -c Release --project bench/Livepeer.Chain.Bench -- restart [transactions]
//   dotnet run -c Release --project bench/Livepeer.Chain.Bench -- costs
// Micro-benchmarks (BenchmarkDotNet):
//   dotnet run -c Release --project bench/Livepeer.Chain.Bench -- --filter '*' --job short
int Arg(int index, int fallback) => args.Length > index && int.TryParse(args[index], out var v) ? v : fallback;
return args.FirstOrDefault() switch
{
    "throughput" => ThroughputScenario.Run(seconds: Arg(1, 25), senders: Arg(2, 1000)),
    "rpc" => await RpcThroughputScenario.RunAsync(seconds: Arg(1, 20), clients: Arg(2, 16)),
    "commit" => CommitLatencyScenario.Run(),
    "restart" => RestartScenario.Run(transactions: Arg(1, 1_000_000)),
    "costs" => CostScenario.Run(),
    _ => Micro(args),
};

static int Micro(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(BenchLedger).Assembly).Run(args);
    return 0;
}
