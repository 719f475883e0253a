using BenchmarkDotNet.Running;
using Livepeer.Media.Bench;

// `ingest-scale` runs the RTMP load generator; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "ingest-scale")
{
    return await IngestScale.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(RemuxBenchmarks).Assembly).Run(args);
return 0;
