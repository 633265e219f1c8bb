using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Reviews;

namespace ChainForge.Milestones.Tests.Data;

/// <summary>Reading a milestone's review history on real SQLite.</summary>
public sealed class ReviewHistoryTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_latest_state_of_each_review_is_its_latest_decision_with_who_made_it()
    {
        await using (var db = _database.CreateContext())
        {
            db.Milestones.AddRange(new Milestone { Id = "M-001" }, new Milestone { Id = "M-002" });
            db.ReviewDecisions.AddRange(
                Decision("M-001", ReviewKind.Technical, ReviewStatus.Approved, ReviewSource.App),
                Decision("M-001", ReviewKind.Business, ReviewStatus.Pending, ReviewSource.Stale),
                Decision("M-001", ReviewKind.Technical, ReviewStatus.Pending, ReviewSource.Stale, "ana"),
                Decision("M-001", ReviewKind.Business, ReviewStatus.Approved, ReviewSource.AcceptedFromFile, "root"),
                Decision("M-002", ReviewKind.Business, ReviewStatus.Pending, ReviewSource.Stale));
            await db.SaveChangesAsync(Cancel);
        }

        await using var read = _database.CreateContext();
        Assert.Equal([(ReviewKind.Technical, ReviewSource.Stale, "ana"), (ReviewKind.Business, ReviewSource.AcceptedFromFile, "root")],
            (await ReviewHistory.LatestStateAsync(read, "M-001", Cancel)).Select(d => (d.Kind, d.Source, d.RecordedBy)));
    }

    private static ReviewDecision Decision(string id, ReviewKind kind, ReviewStatus status, ReviewSource source, string by = "") =>
        new() { MilestoneId = id, Kind = kind, Status = status, Source = source, RecordedBy = by, ReviewedMarkdown = "the approved file" };

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
