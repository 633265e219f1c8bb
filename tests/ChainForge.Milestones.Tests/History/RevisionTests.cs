using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.History;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Tests.Data;
using ChainForge.Milestones.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Tests.History;

/// <summary>Revisions on a real SQLite file built by the migrations.</summary>
public sealed class RevisionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new();
    private readonly FixedClock _clock = new(Monday);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static MilestoneFile File(string markdown) => new("M-007.md", System.Text.Encoding.UTF8.GetBytes(markdown));

    private static string Retitled(string title) => Fixture.Example.Replace("Block Propagation Protocol", title, StringComparison.Ordinal);

    private async Task ImportAsync(string markdown, string author = "command line")
    {
        await using var db = _database.CreateContext();
        var plan = await MilestoneFiles.ImportAsync(db, [File(markdown)], author, _clock, Cancel);
        Assert.True(plan.Succeeded);
    }

    private async Task<List<Revision>> RevisionsAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Revisions.AsNoTracking().OrderBy(r => r.Number).ToListAsync(Cancel);
    }

    [Fact]
    public async Task An_import_stores_a_revision_with_who_when_and_the_exported_markdown()
    {
        await ImportAsync(Fixture.Example, "command line");

        var revision = Assert.Single(await RevisionsAsync());
        Assert.Equal(("M-007", 1, RevisionKind.Import, "command line", Monday), (revision.MilestoneId, revision.Number, revision.Kind, revision.Author, revision.SavedAt));
        Assert.Equal(Fixture.Example, revision.Markdown);
    }

    [Fact]
    public async Task Each_import_of_a_milestone_adds_the_next_revision()
    {
        await ImportAsync(Fixture.Example);
        _clock.Now = Monday.AddHours(2);
        await ImportAsync(Retitled("Compact blocks"));

        var revisions = await RevisionsAsync();
        Assert.Equal([1, 2], revisions.Select(r => r.Number));
        Assert.Equal(Monday.AddHours(2), revisions[1].SavedAt);
        Assert.Contains("Compact blocks", revisions[1].Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_stores_the_file_values_as_they_are()
    {
        await ImportAsync(Fixture.Example);

        await using var db = _database.CreateContext();
        Assert.Equal(Fixture.Example, MarkdownExporter.Export(await db.Milestones.SingleAsync(Cancel)));
    }

    [Fact]
    public async Task A_replacing_import_keeps_a_pinned_progress_flag()
    {
        await ImportAsync(Fixture.Example);
        await using (var db = _database.CreateContext())
        {
            (await db.Milestones.SingleAsync(Cancel)).ProgressPinned = true;
            await db.SaveChangesAsync(Cancel);
        }

        await ImportAsync(Retitled("Compact blocks"));

        await using var read = _database.CreateContext();
        Assert.True((await read.Milestones.SingleAsync(Cancel)).ProgressPinned);
    }

    [Fact]
    public async Task Restoring_a_revision_brings_its_content_back_and_records_a_restore()
    {
        await ImportAsync(Fixture.Example);
        await ImportAsync(Retitled("Compact blocks"));
        var version = await CurrentVersionAsync();

        await using (var db = _database.CreateContext())
            Assert.Equal(RestoreOutcome.Restored, await Revisions.RestoreAsync(db, "M-007", 1, version, "web", _clock, Cancel));

        await using var read = _database.CreateContext();
        var restored = await read.Milestones.SingleAsync(Cancel);
        var example = MarkdownImporter.Import(Fixture.Example).Milestone!;
        Assert.Equal(ReviewedContent.Markdown(example), ReviewedContent.Markdown(restored));
        var last = (await RevisionsAsync())[^1];
        Assert.Equal((3, RevisionKind.Restore, "web"), (last.Number, last.Kind, last.Author));
        Assert.Equal(MarkdownExporter.Export(restored), last.Markdown);
        Assert.NotEqual(version, await CurrentVersionAsync());
    }

    [Fact]
    public async Task Restoring_keeps_the_review_section_which_only_reviewers_change()
    {
        await ImportAsync(Fixture.Example);
        await ImportAsync(Retitled("Compact blocks"));
        var version = await CurrentVersionAsync();

        await using (var db = _database.CreateContext())
            await Revisions.RestoreAsync(db, "M-007", 1, version, "web", _clock, Cancel);

        await using var read = _database.CreateContext();
        var technical = (await read.Milestones.SingleAsync(Cancel)).Review.TechnicalReview;
        Assert.Equal(ReviewStatus.Pending, technical.Status);
        Assert.StartsWith(ReviewWorkflow.StaleNotice, technical.Comments, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restoring_over_a_save_made_since_is_refused_and_changes_nothing()
    {
        await ImportAsync(Fixture.Example);
        var seen = await CurrentVersionAsync();
        await ImportAsync(Retitled("Compact blocks"));

        await using (var db = _database.CreateContext())
            Assert.Equal(RestoreOutcome.Stale, await Revisions.RestoreAsync(db, "M-007", 1, seen, "web", _clock, Cancel));

        Assert.Equal(2, (await RevisionsAsync()).Count);
        await using var read = _database.CreateContext();
        Assert.Equal("Compact blocks", (await read.Milestones.SingleAsync(Cancel)).Title);
    }

    [Fact]
    public async Task Restoring_a_revision_that_does_not_exist_is_not_found()
    {
        await ImportAsync(Fixture.Example);

        await using var db = _database.CreateContext();
        Assert.Equal(RestoreOutcome.NotFound, await Revisions.RestoreAsync(db, "M-007", 9, await CurrentVersionAsync(), "web", _clock, Cancel));
    }

    [Fact]
    public async Task Deleting_a_milestone_deletes_its_revisions()
    {
        await ImportAsync(Fixture.Example);
        await ImportAsync(Retitled("Compact blocks"));

        await using (var db = _database.CreateContext())
            await db.Milestones.Where(m => m.Id == "M-007").ExecuteDeleteAsync(Cancel);

        Assert.Empty(await RevisionsAsync());
    }

    private async Task<Guid> CurrentVersionAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Milestones.Select(m => m.Version).SingleAsync(Cancel);
    }

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
