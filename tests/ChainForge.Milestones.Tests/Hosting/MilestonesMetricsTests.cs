using System.Diagnostics.Metrics;
using System.Text;
using ChainForge.Milestones.Hosting;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Tests.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ChainForge.Milestones.Tests.Hosting;

/// <summary>The app's own counters, as the app's meter records them (exported by Hosting/Telemetry.cs).</summary>
public sealed class MilestonesMetricsTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private MetricCollector<long> Collect(string instrument) =>
        new(app.Services.GetRequiredService<IMeterFactory>(), MilestonesMetrics.MeterName, instrument);

    private async Task<T> WithChangesAsync<T>(Func<MilestoneChanges, Task<T>> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await change(scope.ServiceProvider.GetRequiredService<MilestoneChanges>());
    }

    [Fact]
    public async Task A_save_is_counted_once_with_its_kind_and_a_refused_one_not_at_all()
    {
        using var saves = Collect("milestones.saves");
        await WithChangesAsync(c => c.CreateAsync(Actors.Author(), new Milestone { Id = "M-300", Title = "Counted" }, Cancel));
        await WithChangesAsync(c => c.CreateAsync(Actors.Reviewer(), new Milestone { Id = "M-301", Title = "Refused" }, Cancel));

        var save = Assert.Single(saves.GetMeasurementSnapshot());
        Assert.Equal(1, save.Value);
        Assert.Equal("MilestoneCreated", save.Tags["action"]);
    }

    [Fact]
    public async Task Imports_their_refusals_and_review_decisions_are_counted()
    {
        using var imports = Collect("milestones.imports");
        using var importErrors = Collect("milestones.import_errors");
        using var decisions = Collect("milestones.review_decisions");
        var good = new MilestoneFile("M-310.md", Encoding.UTF8.GetBytes(ChainForge.Milestones.Milestones.Markdown.MarkdownExporter.Export(Arrange.Named("M-310"))));
        var bad = new MilestoneFile("bad.md", Encoding.UTF8.GetBytes("# not a milestone\n"));

        await WithChangesAsync(c => c.ImportAsync(Actors.Author(), [good], false, Cancel));
        await WithChangesAsync(c => c.ImportAsync(Actors.Author(), [bad], false, Cancel));
        var version = await WithChangesAsync(async c =>
        {
            await using var db = app.CreateDbContext();
            return (await db.Milestones.FindAsync(["M-310"], Cancel))!.Version;
        });
        await WithChangesAsync(c => c.DecideAsync(Actors.Reviewer(), "M-310", ReviewKind.Technical, ReviewStatus.Rejected, "not yet", version, Cancel));

        Assert.Equal(1, imports.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.True(importErrors.GetMeasurementSnapshot().EvaluateAsCounter() >= 1);
        Assert.Equal(1, decisions.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task Page_cache_hits_and_misses_are_counted()
    {
        await app.StoreAsync(Arrange.Named("M-320"));
        var client = await app.AuthorClientAsync();
        using var hits = Collect("milestones.page_cache.hits");
        using var misses = Collect("milestones.page_cache.misses");

        await HtmlPage.GetAsync(client, "/milestones/M-320");
        await HtmlPage.GetAsync(client, "/milestones/M-320");
        await HtmlPage.GetAsync(client, "/milestones/M-320");

        Assert.True(misses.GetMeasurementSnapshot().EvaluateAsCounter() >= 1);
        Assert.True(hits.GetMeasurementSnapshot().EvaluateAsCounter() >= 1);
    }
}
