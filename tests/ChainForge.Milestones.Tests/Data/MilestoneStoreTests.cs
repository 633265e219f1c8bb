using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Tests.Data;

/// <summary>The store, on a real SQLite file built by the migrations.</summary>
public sealed class MilestoneStoreTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stored_milestone_reads_back_with_every_list_in_order()
    {
        var example = MarkdownImporter.Import(Fixture.Example).Milestone!;
        await using (var db = _database.CreateContext())
        {
            db.Milestones.Add(example);
            await db.SaveChangesAsync(Cancel);
        }

        await using var read = _database.CreateContext();
        var stored = await read.Milestones.SingleAsync(m => m.Id == "M-007", Cancel);

        Assert.Equal(Fixture.Example, MarkdownExporter.Export(stored));
    }

    [Fact]
    public async Task A_blank_milestone_reads_back_as_the_template()
    {
        await using (var db = _database.CreateContext())
        {
            db.Milestones.Add(new Milestone { Id = "M-001" });
            await db.SaveChangesAsync(Cancel);
        }

        await using var read = _database.CreateContext();
        var stored = await read.Milestones.SingleAsync(Cancel);

        Assert.Equal(Fixture.Text("canonical/id-only.md"), MarkdownExporter.Export(stored));
    }

    [Fact]
    public async Task A_stale_save_is_refused_and_the_first_save_is_kept()
    {
        await using (var db = _database.CreateContext())
        {
            db.Milestones.Add(new Milestone { Id = "M-001", Title = "First" });
            await db.SaveChangesAsync(Cancel);
        }
        await using var alice = _database.CreateContext();
        await using var bob = _database.CreateContext();
        var hers = await alice.Milestones.SingleAsync(Cancel);
        var his = await bob.Milestones.SingleAsync(Cancel);

        hers.Title = "Alice's title";
        hers.Version = Guid.NewGuid();
        await alice.SaveChangesAsync(Cancel);
        his.Title = "Bob's title";
        his.Version = Guid.NewGuid();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => bob.SaveChangesAsync(Cancel));
        await using var read = _database.CreateContext();
        Assert.Equal("Alice's title", (await read.Milestones.SingleAsync(Cancel)).Title);
    }

    [Fact]
    public async Task IDs_are_unique_whatever_their_case()
    {
        await using (var db = _database.CreateContext())
        {
            db.Milestones.Add(new Milestone { Id = "M-001" });
            await db.SaveChangesAsync(Cancel);
        }

        await using var again = _database.CreateContext();
        again.Milestones.Add(new Milestone { Id = "m-001" });

        await Assert.ThrowsAsync<DbUpdateException>(() => again.SaveChangesAsync(Cancel));
    }

    [Fact]
    public async Task An_import_replaces_a_stored_milestone_with_the_same_ID()
    {
        await using (var db = _database.CreateContext())
        {
            db.Milestones.Add(new Milestone { Id = "M-007", Title = "Old title", Notes = "Old notes" });
            await db.SaveChangesAsync(Cancel);
        }

        await using (var db = _database.CreateContext())
        {
            var plan = await Actors.AcceptingImportAsync(db, [new MilestoneFile("M-007.md", Fixture.Bytes("canonical/example-M-007.md"))], "tester", TimeProvider.System, Cancel);
            Assert.True(plan.Succeeded);
            Assert.Equal(ImportAction.Replace, plan.Milestones[0].Action);
        }

        await using var read = _database.CreateContext();
        Assert.Equal(Fixture.Example, MarkdownExporter.Export(await read.Milestones.SingleAsync(Cancel)));
    }

    [Fact]
    public async Task The_database_file_uses_write_ahead_logging_and_waits_when_busy()
    {
        Assert.SkipUnless(TestStore.Provider is DatabaseProvider.Sqlite, "A SQLite file's settings: PostgreSQL's writers wait for each other by themselves.");
        await using var db = _database.CreateContext();
        await db.Database.OpenConnectionAsync(Cancel);
        var connection = db.Database.GetDbConnection();

        Assert.Equal("wal", await Pragma(connection, "journal_mode"));
        Assert.Equal("5000", await Pragma(connection, "busy_timeout"));
    }

    [Fact]
    public async Task The_checked_in_migrations_match_the_model()
    {
        await using var db = _database.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Cancel));
    }

    private static async Task<string?> Pragma(System.Data.Common.DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(await command.ExecuteScalarAsync(Cancel), System.Globalization.CultureInfo.InvariantCulture);
    }

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
