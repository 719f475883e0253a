using BenchmarkDotNet.Running;

// Usage: dotnet run -c Release --project bench/Livepeer.Transcoders.Bench -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
