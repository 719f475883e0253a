using BenchmarkDotNet.Running;
using Livepeer.Node.Bench.Network;

// `streams`: the two-concurrent-1080p-streams run (real ffmpeg, once); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "streams")
{
    await ConcurrentStreams.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10);
    return;
}
// `overload [seconds] [sessions|auto]`: two live 1080p streams on one orchestrator with more work than cores (bench/overload.sh).
if (args.Length > 0 && args[0] == "overload")
{
    await OverloadRun.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60, args.Length > 2 ? args[2] : "10");
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(ConcurrentStreams).Assembly).Run(args);
