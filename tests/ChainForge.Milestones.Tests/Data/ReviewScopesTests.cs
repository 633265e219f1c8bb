using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.History;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Tests.Data;

/// <summary>Decisions and revisions stored before approvals were scoped get their scope at start-up.</summary>
public sealed class ReviewScopesTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_approval_recorded_before_the_scopes_covers_its_reviews_parts_of_what_it_approved()
    {
        var example = MarkdownImporter.Import(Fixture.Example).Milestone!;
        await using (var db = _database.CreateContext())
        {
            db.Milestones.Add(example);
            // As the migration leaves them: the whole reviewed file, the hash to be recomputed.
            db.ReviewDecisions.Add(new ReviewDecision { MilestoneId = "M-007", Kind = ReviewKind.Business, Status = ReviewStatus.Approved, ReviewedMarkdown = Fixture.Example, ReviewedHash = "" });
            db.Revisions.Add(new Revision { MilestoneId = "M-007", Number = 1, Markdown = Fixture.Example });
            await db.SaveChangesAsync(Cancel);
        }

        await using (var db = _database.CreateContext())
            await ChainForge.Milestones.Data.ReviewScopes.BackfillAsync(db, Cancel);

        await using var read = _database.CreateContext();
        var decision = await read.ReviewDecisions.SingleAsync(Cancel);
        Assert.Equal(ReviewedContent.Hash(example, ReviewKind.Business), decision.ReviewedHash);
        Assert.Equal(ReviewedContent.Markdown(example, ReviewKind.Business), decision.ReviewedMarkdown);
        var revision = await read.Revisions.SingleAsync(Cancel);
        Assert.Equal((ReviewedContent.Hash(example, ReviewKind.Technical), ReviewedContent.Hash(example, ReviewKind.Business)), (revision.TechnicalHash, revision.BusinessHash));
    }

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
