using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Tracking;
using ChainForge.Milestones.Tests.Data;

namespace ChainForge.Milestones.Tests.Tracking;

public sealed class TrackingQueriesTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static Milestone Stored(string id, MilestoneStatus? status, params string[] dependencies) =>
        new() { Id = id, Title = $"Title of {id}", Status = status, Dependencies = [.. dependencies] };

    [Fact]
    public async Task The_graph_around_a_milestone_finds_what_blocks_it_as_the_whole_graph_does()
    {
        var ct = TestContext.Current.CancellationToken;
        var blocked = Stored("M-010", MilestoneStatus.InProgress, "m-011 named in lower case", "M-012.", "M-013", "M-099 not stored", "free text");
        blocked.DependencyTracking.Internal = [new DependencyItem { Name = "M-014 Mempool indexing" }];
        await using (var db = _database.CreateContext())
        {
            db.Milestones.AddRange(blocked, Stored("M-011", MilestoneStatus.Review, "M-010"), Stored("M-012", null),
                Stored("M-013", MilestoneStatus.Completed), Stored("M-014", MilestoneStatus.InProgress), Stored("M-015", MilestoneStatus.NotStarted));
            await db.SaveChangesAsync(ct);
        }

        await using var read = _database.CreateContext();
        var around = await TrackingQueries.DependencyGraphAroundAsync(read, blocked, ct);
        var whole = (await TrackingQueries.WholeGraphAsync(read, ct)).Graph;

        Assert.Equal(["M-011", "M-012", "M-014"], around.BlockedBy("M-010"));
        Assert.Equal(whole.BlockedBy("M-010"), around.BlockedBy("M-010"));
        Assert.Equal(["M-010", "M-011", "M-012", "M-013", "M-014"], around.Nodes.Select(n => n.Id));
    }
}
