using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;

namespace ChainForge.Milestones.Tests.Data;

public sealed class SqliteDataVersionReaderTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task The_kept_connection_sees_every_write_made_on_others()
    {
        Assert.SkipUnless(TestStore.Provider is DatabaseProvider.Sqlite, "SQLite's reader; PostgreSQL reads through the context");
        using var reader = new SqliteDataVersionReader(_database.Settings.ConnectionString);
        await using (var db = _database.CreateContext())
            Assert.Equal(await DataVersion.ReadAsync(db, TestContext.Current.CancellationToken), reader.Read());
        var before = reader.Read();

        await using (var db = _database.CreateContext())
        {
            db.Milestones.Add(new Milestone { Id = "M-001" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.True(reader.Read() > before);
    }
}
