using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Tests.Data;

/// <summary>Milestones stored without page facts, or with facts of an older format, get them at start-up.</summary>
public sealed class PageFactsBackfillTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Missing_and_older_facts_are_stored_as_a_save_stores_them_and_current_ones_are_left_alone()
    {
        var ids = new[] { "M-007", "M-008", "M-009" };
        await using (var db = _database.CreateContext())
        {
            foreach (var id in ids)
            {
                var milestone = MarkdownImporter.Import(Fixture.Example).Milestone!;
                milestone.Id = id;
                db.Milestones.Add(milestone);
            }
            await db.SaveChangesAsync(Cancel);
            // As a migration leaves a new column, and as facts of the format before look.
            await db.Milestones.Where(m => m.Id == "M-007").ExecuteUpdateAsync(s => s.SetProperty(m => EF.Property<string?>(m, MilestonesDbContext.StoredPageFacts), (string?)null), Cancel);
            await db.Milestones.Where(m => m.Id == "M-008").ExecuteUpdateAsync(s => s.SetProperty(m => EF.Property<string?>(m, MilestonesDbContext.StoredPageFacts), """{"Format":1,"Id":"M-008"}"""), Cancel);
        }
        var untouched = await FactsAsync("M-009");

        await using (var db = _database.CreateContext())
            await PageFactsBackfill.RunAsync(db, Cancel);

        await using var read = _database.CreateContext();
        foreach (var milestone in await read.Milestones.AsNoTracking().OrderBy(m => m.Id).ToListAsync(Cancel))
            Assert.Equal(MilestonePageFacts.Of(milestone).ToJson(), await FactsAsync(milestone.Id));
        Assert.Equal(untouched, await FactsAsync("M-009"));
        foreach (var id in ids)
            Assert.NotNull(MilestonePageFacts.FromJson(await FactsAsync(id)));
    }

    private async Task<string?> FactsAsync(string id)
    {
        await using var db = _database.CreateContext();
        return await db.Milestones.Where(m => m.Id == id).Select(m => EF.Property<string?>(m, MilestonesDbContext.StoredPageFacts)).SingleAsync(Cancel);
    }

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
