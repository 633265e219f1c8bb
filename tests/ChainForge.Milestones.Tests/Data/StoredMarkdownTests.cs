using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Tests.Data;

/// <summary>The canonical file and its page HTML that every save stores beside the milestone, which downloads and the milestone page read.</summary>
public sealed class StoredMarkdownTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Adding_a_milestone_stores_its_export()
    {
        await using (var db = _database.CreateContext())
        {
            db.Milestones.Add(MarkdownImporter.Import(Fixture.Example).Milestone!);
            await db.SaveChangesAsync(Cancel);
        }

        Assert.Equal(Fixture.Example, await StoredAsync("M-007"));
    }

    [Fact]
    public async Task Adding_a_milestone_stores_its_page_html_rendered_for_reading()
    {
        var example = MarkdownImporter.Import(Fixture.Example).Milestone!;
        await using (var db = _database.CreateContext())
        {
            db.Milestones.Add(example);
            await db.SaveChangesAsync(Cancel);
        }

        await using var read = _database.CreateContext();
        var html = await read.Milestones.Select(m => EF.Property<string?>(m, MilestonesDbContext.StoredHtml)).SingleAsync(Cancel);
        Assert.Equal(MilestoneHtml.ForPage(example), html);
    }

    [Fact]
    public async Task Ticking_a_task_inside_a_phase_stores_the_new_export()
    {
        await using (var db = _database.CreateContext())
        {
            db.Milestones.Add(MarkdownImporter.Import(Fixture.Example).Milestone!);
            await db.SaveChangesAsync(Cancel);
        }
        string expected;
        await using (var db = _database.CreateContext())
        {
            var milestone = await db.Milestones.SingleAsync(Cancel);
            var task = milestone.ImplementationPlan.Phases.SelectMany(p => p.Tasks).First(t => !t.Done);
            task.Done = true;
            await db.SaveChangesAsync(Cancel);
            expected = MarkdownExporter.Export(milestone);
        }

        Assert.NotEqual(Fixture.Example, expected);
        Assert.Equal(expected, await StoredAsync("M-007"));
    }

    [Fact]
    public async Task A_download_of_a_row_stored_before_the_column_exports_the_milestone()
    {
        var example = MarkdownImporter.Import(Fixture.Example).Milestone!;
        await using (var db = _database.CreateContext())
        {
            db.Milestones.Add(example);
            await db.SaveChangesAsync(Cancel);
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Milestones\" SET \"Markdown\" = NULL", Cancel);
        }

        await using var read = _database.CreateContext();
        var file = await MilestoneFiles.ReadFileAsync(read, "m-007", Cancel);

        Assert.Equal("M-007.md", file!.Value.FileName);
        Assert.Equal(MilestoneFiles.Encode(example), file.Value.Content);
    }

    [Fact]
    public async Task A_download_of_an_unknown_milestone_is_nothing()
    {
        await using var read = _database.CreateContext();

        Assert.Null(await MilestoneFiles.ReadFileAsync(read, "M-404", Cancel));
    }

    private async Task<string?> StoredAsync(string id)
    {
        await using var db = _database.CreateContext();
        return await db.Milestones.Where(m => m.Id == id).Select(m => EF.Property<string?>(m, MilestonesDbContext.StoredMarkdown)).SingleAsync(Cancel);
    }

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
