using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Tests.Data;

namespace ChainForge.Milestones.Tests.Milestones;

/// <summary>What waits for a reviewer, listed and counted alike, on real SQLite.</summary>
public sealed class WaitingReviewsTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero));
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Milestone InReview(string id) => new()
    {
        Id = id,
        ProblemStatement = "Slow.",
        SolutionOverview = "Faster.",
        Requirements = { Functional = [ChecklistItem.Of("Fast")] },
        AcceptanceCriteria = { MustHave = [ChecklistItem.Of("Under 1 s")] },
        Status = MilestoneStatus.Review,
    };

    [Fact]
    public async Task A_reviewer_waits_on_what_is_in_review_and_not_approved_and_not_their_own_work()
    {
        await using (var db = _database.CreateContext())
        {
            var changes = Actors.Changes(db, _clock);
            await changes.CreateAsync(Actors.Author("ana"), InReview("M-001"), Cancel);
            await changes.CreateAsync(Actors.Author("sam"), InReview("M-002"), Cancel);
            await changes.CreateAsync(Actors.Author("ana"), new Milestone { Id = "M-003" }, Cancel);
        }

        await using var read = _database.CreateContext();
        var waiting = new WaitingReviews(read, Actors.Changes(read, _clock));
        Assert.Equal(["M-002"], (await waiting.ForAsync("ana", Cancel)).Select(m => m.Id));
        Assert.Equal(["M-001", "M-002"], (await waiting.ForAsync("priya", Cancel)).Select(m => m.Id).Order());
    }

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
