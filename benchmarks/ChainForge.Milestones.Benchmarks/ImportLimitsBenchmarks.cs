using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using Markdig.Syntax;

namespace ChainForge.Milestones.Benchmarks;

/// <summary>
/// What one imported file can cost: a milestone at every limit (the largest file an import
/// accepts), and hostile files refused before Markdig builds a syntax tree. The figure that
/// matters is the memory allocated per file (MemoryDiagnoser), an upper bound of what the import holds.
/// </summary>
[Config(typeof(FewCallsJob))]
[MemoryDiagnoser]
public class ImportLimitsBenchmarks
{
    /// <summary>Each call reads megabytes: a few calls per iteration are enough to measure.</summary>
    private sealed class FewCallsJob : ManualConfig
    {
        public FewCallsJob() => AddJob(Job.Default
            .WithId("FewCalls")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(8)
            .WithInvocationCount(2)
            .WithUnrollFactor(1)
            .WithClock(ThreadCpuClock.Instance));
    }

    private string _atLimits = "";
    private string _listItems = "";
    private string _paddedHeading = "";

    [GlobalSetup]
    public void Setup()
    {
        _atLimits = MarkdownExporter.Export(AtLimits());
        var result = MarkdownImporter.Import(_atLimits);
        if (!result.Succeeded)
            throw new InvalidOperationException("the milestone at its limits does not import: " + string.Join("; ", result.Errors.Take(5).Select(e => e.Format("limits"))));
        // The attacks from the hardening issue, each about 10 MB: refused, located, cheaply.
        _listItems = string.Concat(Enumerable.Repeat("- [ ] a\n", 10 * 1024 * 1024 / 8));
        _paddedHeading = _atLimits.Replace("## Notes & Comments", "## Notes &" + new string(' ', MarkdownImporter.MaxLineLength - 100) + "Comments ", StringComparison.Ordinal);
        Console.WriteLine($"// At its limits: {_atLimits.Length:N0} characters, {_atLimits.Count(c => c == '\n'):N0} lines");
    }

    [Benchmark(Baseline = true, Description = "Markdig parse, at the limits")]
    public MarkdownDocument MarkdigParse() => Markdig.Markdown.Parse(_atLimits, MarkdownBenchmarks.Pipeline);

    [Benchmark(Description = "Import, at the limits")]
    public ImportResult ImportAtLimits() => MarkdownImporter.Import(_atLimits);

    [Benchmark(Description = "Import, a heading padded with 49,900 blanks")]
    public ImportResult ImportPaddedHeading() => MarkdownImporter.Import(_paddedHeading);

    [Benchmark(Description = "Import, 10 MB of `- [ ] a` (refused)")]
    public ImportResult ImportListItems() => MarkdownImporter.Import(_listItems);

    /// <summary>Every list at its length limit (phases too), every body and code sample at its size limit.</summary>
    private static Milestone AtLimits()
    {
        var line = Words(MilestoneLimits.Line - 20);
        List<ChecklistItem> Items(string prefix) => [.. Enumerable.Range(1, MilestoneLimits.ListItems).Select(i => ChecklistItem.Of($"{prefix} {i} {line}"))];
        var body = string.Join("\n\n", Enumerable.Range(0, MilestoneLimits.Body / 500).Select(_ => Words(480)));
        var code = string.Join("\n", Enumerable.Range(0, MilestoneLimits.Code / 60).Select(i => $"    uint64_t field_{i:D5}; // {Words(30)}"));
        return new Milestone
        {
            Id = "M-999",
            Title = Words(MilestoneLimits.Line - 10),
            ProblemStatement = body,
            SolutionOverview = body,
            Requirements = new DetailedRequirements { Functional = Items("Requirement") },
            Design = new TechnicalDesign
            {
                Architecture = body,
                DataModels = new CodeSample { Code = code },
                Interfaces = new CodeSample { Code = code },
            },
            ImplementationPlan = new ImplementationPlan
            {
                Phases = [.. Enumerable.Range(1, MilestoneLimits.Phases).Select(p => new ImplementationPhase { Name = $"Phase work {p}", Tasks = Items($"Task {p}") })],
            },
            AcceptanceCriteria = new AcceptanceCriteria { MustHave = Items("Must"), ShouldHave = Items("Should"), CouldHave = Items("Could") },
            Testing = new TestingStrategy { UnitTests = Items("Unit"), IntegrationTests = Items("Integration"), PerformanceTests = Items("Performance"), SecurityTests = Items("Security") },
            Documentation = new DocumentationRequirements { Technical = Items("Technical doc"), User = Items("User doc") },
            Notes = body,
        };
    }

    private static string Words(int length)
    {
        var words = new[] { "relay", "block", "peer", "mempool", "short", "identifier", "reconstruct", "fallback", "bandwidth", "latency" };
        var text = new StringBuilder();
        for (var i = 0; text.Length < length; i++)
            text.Append(text.Length == 0 ? "" : " ").Append(words[i % words.Length]);
        return text.ToString()[..length].TrimEnd();
    }
}
