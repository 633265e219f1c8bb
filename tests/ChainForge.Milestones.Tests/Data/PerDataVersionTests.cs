using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using Microsoft.AspNetCore.Http;

namespace ChainForge.Milestones.Tests.Data;

public sealed class PerDataVersionTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly PerDataVersion _kept = new();
    private int _computed;

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    // Each request reads the data version once, as a real one does.
    private async Task<string> AskAsync(string key)
    {
        await using var db = _database.CreateContext();
        var context = new DefaultHttpContext { RequestServices = new Services(db) };
        return await _kept.GetAsync(context, key, _ => Task.FromResult($"{key} #{++_computed}"));
    }

    [Fact]
    public async Task A_result_is_computed_once_per_data_version_and_anew_after_any_write()
    {
        var first = await AskAsync("portfolio");
        var again = await AskAsync("portfolio");
        var other = await AskAsync("graph");
        await using (var db = _database.CreateContext())
        {
            db.Milestones.Add(new Milestone { Id = "M-001" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var after = await AskAsync("portfolio");

        Assert.Equal(("portfolio #1", "portfolio #1", "graph #2", "portfolio #3"), (first, again, other, after));
    }

    private sealed class Services(MilestonesDbContext db) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(MilestonesDbContext) ? db : null;
    }
}
