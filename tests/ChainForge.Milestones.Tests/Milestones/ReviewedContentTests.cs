using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Tests.Fixtures;

namespace ChainForge.Milestones.Tests.Milestones;

public sealed class ReviewedContentTests
{
    private static Milestone Example() => MarkdownImporter.Import(Fixture.Example).Milestone!;

    [Fact]
    public void The_same_content_has_the_same_hash() =>
        Assert.Equal(ReviewedContent.Hash(Example()), ReviewedContent.Hash(Example()));

    [Fact]
    public void A_change_to_what_was_approved_changes_the_hash()
    {
        var changed = Example();
        changed.AcceptanceCriteria.MustHave[1].Text += " and 3 s worst case";

        Assert.NotEqual(ReviewedContent.Hash(Example()), ReviewedContent.Hash(changed));
    }

    [Fact]
    public void Reviews_and_progress_tracking_are_not_part_of_the_approved_content()
    {
        var changed = Example();
        changed.Review.BusinessReview.Status = ReviewStatus.Approved;
        changed.Status = MilestoneStatus.Review;
        changed.Progress = 90;
        changed.LastUpdated = new DateOnly(2026, 12, 1);
        changed.Checkpoints.DevelopmentComplete.Reached = true;

        Assert.Equal(ReviewedContent.Hash(Example()), ReviewedContent.Hash(changed));
    }

    [Fact]
    public void The_approved_content_leaves_out_the_review_and_progress_sections_values()
    {
        var markdown = ReviewedContent.Markdown(Example());

        Assert.DoesNotContain("Priya Natarajan", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("45% complete", markdown, StringComparison.Ordinal);
        Assert.Contains("Blocks reconstruct from mempool", markdown, StringComparison.Ordinal);
    }
}
