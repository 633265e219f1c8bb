using BenchmarkDotNet.Running;
using ChainForge.Milestones.Benchmarks;

// dotnet run -c Release --project benchmarks/ChainForge.Milestones.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(MarkdownBenchmarks).Assembly).Run(args);
