using BenchmarkDotNet.Running;
using Livepeer.Node.Bench.Network;

// `streams`: the two-concurrent-1080p-streams run (real ffmpeg, once); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "streams")
{
    await ConcurrentStreams.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(ConcurrentStreams).Assembly).Run(args);
