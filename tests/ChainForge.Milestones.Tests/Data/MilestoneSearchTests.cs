using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Tests.Data;

/// <summary>The engine's full-text index follows every write, and rows stored before it are filled in at start-up.</summary>
public sealed class MilestoneSearchTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<List<string>> FoundAsync(string search)
    {
        await using var db = _database.CreateContext();
        return [.. (await MilestoneSearch.Hits(db, SearchText.Terms(search)).ToListAsync(Cancel)).OrderBy(h => h.Rank).Select(h => h.Id)];
    }

    private async Task StoreAsync(params Milestone[] milestones)
    {
        await using var db = _database.CreateContext();
        db.Milestones.AddRange(milestones);
        await db.SaveChangesAsync(Cancel);
    }

    [Fact]
    public async Task A_change_replaces_the_old_words_and_a_deleted_milestone_is_found_no_more()
    {
        await StoreAsync(new Milestone { Id = "M-1", Title = "Compact relay", ProblemStatement = "Blocks are slow." }, new Milestone { Id = "M-2", Title = "Fee estimation" });

        await using (var db = _database.CreateContext())
        {
            var stored = await db.Milestones.SingleAsync(m => m.Id == "M-1", Cancel);
            stored.ProblemStatement = "Peers already hold the transactions.";
            await db.SaveChangesAsync(Cancel);
        }
        Assert.Empty(await FoundAsync("slow"));
        Assert.Equal(["M-1"], await FoundAsync("transactions"));

        await using (var db = _database.CreateContext())
            await db.Milestones.Where(m => m.Id == "M-1").ExecuteDeleteAsync(Cancel);
        Assert.Empty(await FoundAsync("relay"));
        Assert.Equal(["M-2"], await FoundAsync("fee"));
    }

    [Fact]
    public async Task Milestones_stored_before_the_search_are_found_once_the_start_up_fills_them_in()
    {
        await StoreAsync(new Milestone { Id = "M-1", Title = "Compact relay" }, new Milestone { Id = "M-2", Title = "Relay of blocks", AssignedTo = "Zoë" });
        await using (var db = _database.CreateContext())
        {
            // As the migration leaves them.
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Milestones" SET "SearchTitle" = NULL, "SearchBody" = NULL, "IdOrder" = NULL, "TitleOrder" = NULL""", Cancel);
        }
        Assert.Empty(await FoundAsync("relay"));

        await using (var db = _database.CreateContext())
            await MilestoneSearch.BackfillAsync(db, Cancel);

        Assert.Equal(["M-1", "M-2"], (await FoundAsync("relay")).Order());
        Assert.Equal(["M-2"], await FoundAsync("zoe"));
        await using var read = _database.CreateContext();
        Assert.Equal(0, await read.Milestones.CountAsync(m => EF.Property<string?>(m, MilestonesDbContext.IdOrder) == null, Cancel));
    }

    [Fact]
    public async Task A_search_of_anything_but_folded_words_is_refused_before_it_reaches_the_engine()
    {
        await using var db = _database.CreateContext();

        Assert.Throws<ArgumentException>(() => MilestoneSearch.Hits(db, ["relay\" OR \"x"]));
        Assert.Throws<ArgumentException>(() => MilestoneSearch.Hits(db, []));
    }

    [Fact]
    public async Task The_index_and_what_keeps_it_are_in_the_store()
    {
        // A later migration that rebuilds the table would drop SQLite's triggers without a word.
        await using var db = _database.CreateContext();
        var found = db.Database.IsSqlite()
            ? await db.Database.SqlQueryRaw<string>("""SELECT name AS "Value" FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'Milestones_Search_%' ORDER BY name""").ToListAsync(Cancel)
            : await db.Database.SqlQueryRaw<string>("""SELECT column_name AS "Value" FROM information_schema.columns WHERE table_name = 'Milestones' AND column_name = 'SearchVector'""").ToListAsync(Cancel);

        Assert.Equal(db.Database.IsSqlite() ? ["Milestones_Search_Delete", "Milestones_Search_Insert", "Milestones_Search_Update"] : ["SearchVector"], found);
    }

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
