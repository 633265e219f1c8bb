using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using Markdig;
using Markdig.Syntax;

namespace ChainForge.Milestones.Benchmarks;

/// <summary>
/// The markdown contract's budgets, against Markdig parsing the same text in the same run:
/// import at most 1.5 times the parse, export at most half of it.
/// </summary>
[Config(typeof(ShortWarmJob))]
[MemoryDiagnoser]
public class MarkdownBenchmarks
{
    /// <summary>
    /// A short run, but warmed up until stable: on a busy two-core machine ShortRun's three warm-up
    /// iterations end before the JIT has replaced the first-tier code, and half-compiled code is measured.
    /// A fixed number of calls per iteration keeps each iteration long once the code is fast.
    /// </summary>
    private sealed class ShortWarmJob : ManualConfig
    {
        public ShortWarmJob() => AddJob(Job.Default
            .WithId("ShortWarm")
            .WithLaunchCount(1)
            .WithIterationCount(15)
            .WithInvocationCount(256)
            .WithUnrollFactor(1)
            .WithClock(ThreadCpuClock.Instance));
    }

    // The importer's pipeline, so that the baseline is the parse the importer itself starts with.
    internal static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UsePreciseSourceLocation()
        .Build();

    private Milestone _milestone = new();
    private string _markdown = "";

    [GlobalSetup]
    public void Setup()
    {
        _milestone = LargeMilestone.Build();
        _markdown = MarkdownExporter.Export(_milestone);

        // Measuring an import that fails would measure the error path, not the contract.
        var result = MarkdownImporter.Import(_markdown);
        if (!result.Succeeded)
            throw new InvalidOperationException("the large milestone does not import: " + string.Join("; ", result.Errors.Select(e => e.Format("large"))));
        if (MarkdownExporter.Export(result.Milestone!) != _markdown)
            throw new InvalidOperationException("the large milestone does not export to the same text after import");
        Console.WriteLine($"// Large milestone: {_markdown.Length:N0} characters, {_markdown.Count(c => c == '\n'):N0} lines");
    }

    [Benchmark(Baseline = true, Description = "Markdig parse")]
    public MarkdownDocument MarkdigParse() => Markdig.Markdown.Parse(_markdown, Pipeline);

    [Benchmark(Description = "Import")]
    public ImportResult Import() => MarkdownImporter.Import(_markdown);

    [Benchmark(Description = "Export")]
    public string Export() => MarkdownExporter.Export(_milestone);
}
