using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Livepeer.Protocol.Bench.BenchChain).Assembly).Run(args);
