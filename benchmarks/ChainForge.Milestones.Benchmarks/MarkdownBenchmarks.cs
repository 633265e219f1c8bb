using BenchmarkDotNet.Attributes;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using Markdig;
using Markdig.Syntax;

namespace ChainForge.Milestones.Benchmarks;

/// <summary>
/// The markdown contract's budgets, against Markdig parsing the same text in the same run:
/// import at most 1.5 times the parse, export at most half of it.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class MarkdownBenchmarks
{
    // The importer's pipeline, so that the baseline is the parse the importer itself starts with.
    private static readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
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
    public MarkdownDocument MarkdigParse() => Markdig.Markdown.Parse(_markdown, _pipeline);

    [Benchmark(Description = "Import")]
    public ImportResult Import() => MarkdownImporter.Import(_markdown);

    [Benchmark(Description = "Export")]
    public string Export() => MarkdownExporter.Export(_milestone);
}
