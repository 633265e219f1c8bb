using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Tests.Fixtures;

namespace ChainForge.Milestones.Tests.Milestones;

public sealed class ReviewWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);

    private static Milestone Example()
    {
        var milestone = MarkdownImporter.Import(Fixture.Example).Milestone!;
        milestone.CreatedBy = "dana";
        milestone.LastEditedBy = "dana";
        return milestone;
    }

    [Fact]
    public void A_decision_takes_the_reviewer_from_the_account_and_the_date_from_the_clock()
    {
        var milestone = Example();

        var decision = ReviewWorkflow.Decide(milestone, ReviewKind.Business, ReviewStatus.Approved, " Worth it ", "priya", Now);

        var review = milestone.Review.BusinessReview;
        Assert.Equal(("priya", new DateOnly(2026, 11, 25), ReviewStatus.Approved, "Worth it"), (review.Reviewer, review.Date, review.Status, review.Comments));
        Assert.Equal(ReviewSource.App, decision.Source);
        Assert.Equal(ReviewedContent.Hash(milestone), decision.ReviewedHash);
    }

    [Fact]
    public void A_rejection_without_comments_is_refused() =>
        Assert.Equal(["A rejection needs comments: say what has to change."],
            ReviewWorkflow.Refusals(Example(), ReviewStatus.Rejected, "  ", "priya", allowSelfReview: false));

    [Theory]
    [InlineData("dana")]
    [InlineData("DANA")]
    public void Nobody_reviews_a_milestone_they_created_or_last_edited(string reviewer) =>
        Assert.Equal(["You created or last edited this milestone: another reviewer must review it."],
            ReviewWorkflow.Refusals(Example(), ReviewStatus.Approved, "", reviewer, allowSelfReview: false));

    [Fact]
    public void The_last_editor_may_not_review_either()
    {
        var milestone = Example();
        milestone.LastEditedBy = "sam";

        Assert.NotEmpty(ReviewWorkflow.Refusals(milestone, ReviewStatus.Approved, "", "sam", allowSelfReview: false));
    }

    [Fact]
    public void A_team_setting_may_allow_self_review() =>
        Assert.Empty(ReviewWorkflow.Refusals(Example(), ReviewStatus.Approved, "", "dana", allowSelfReview: true));

    [Fact]
    public void An_approval_turns_pending_with_a_notice_when_the_approved_content_changes()
    {
        var milestone = Example();
        var approval = ReviewWorkflow.Decide(milestone, ReviewKind.Business, ReviewStatus.Approved, "", "priya", Now);
        milestone.Requirements.Functional.Add(ChecklistItem.Of("Relay over QUIC"));

        var stale = ReviewWorkflow.InvalidateStaleApprovals(milestone, new Dictionary<ReviewKind, ReviewDecision> { [ReviewKind.Business] = approval }, Now);

        var decision = Assert.Single(stale);
        Assert.Equal(ReviewSource.Stale, decision.Source);
        Assert.Equal(ReviewStatus.Pending, milestone.Review.BusinessReview.Status);
        Assert.Equal("Approved content changed after approval by priya on 2026-11-25.", milestone.Review.BusinessReview.Comments);
        Assert.Equal(approval.ReviewedMarkdown, decision.ReviewedMarkdown);
    }

    [Fact]
    public void Ticking_tasks_and_criteria_is_progress_and_leaves_the_approval()
    {
        var milestone = Example();
        var approval = ReviewWorkflow.Decide(milestone, ReviewKind.Business, ReviewStatus.Approved, "", "priya", Now);
        milestone.ImplementationPlan.Phases[1].Tasks.ForEach(t => t.Done = true);
        milestone.AcceptanceCriteria.MustHave.ForEach(c => c.Done = true);

        Assert.Empty(ReviewWorkflow.InvalidateStaleApprovals(milestone, new Dictionary<ReviewKind, ReviewDecision> { [ReviewKind.Business] = approval }, Now));
        Assert.Equal(ReviewStatus.Approved, milestone.Review.BusinessReview.Status);
    }

    [Fact]
    public void A_change_to_the_progress_fields_alone_leaves_the_approval()
    {
        var milestone = Example();
        var approval = ReviewWorkflow.Decide(milestone, ReviewKind.Business, ReviewStatus.Approved, "", "priya", Now);
        milestone.Progress = 80;
        milestone.Status = MilestoneStatus.Review;

        Assert.Empty(ReviewWorkflow.InvalidateStaleApprovals(milestone, new Dictionary<ReviewKind, ReviewDecision> { [ReviewKind.Business] = approval }, Now));
        Assert.Equal(ReviewStatus.Approved, milestone.Review.BusinessReview.Status);
    }

    [Fact]
    public void Reviews_in_an_imported_file_are_recorded_as_decided_outside_the_app()
    {
        var milestone = Example();

        var recorded = ReviewWorkflow.RecordImported(milestone, new Dictionary<ReviewKind, ReviewDecision>(), Now);

        Assert.Equal([(ReviewKind.Technical, ReviewStatus.Approved, "Priya Natarajan"), (ReviewKind.Business, ReviewStatus.Pending, "")],
            recorded.Select(d => (d.Kind, d.Status, d.Reviewer)));
        Assert.All(recorded, d => Assert.Equal(ReviewSource.Import, d.Source));
    }

    [Fact]
    public void A_review_the_app_already_recorded_is_not_recorded_again_on_import()
    {
        var milestone = Example();
        var first = ReviewWorkflow.RecordImported(milestone, new Dictionary<ReviewKind, ReviewDecision>(), Now).ToDictionary(d => d.Kind);

        Assert.Empty(ReviewWorkflow.RecordImported(Example(), first, Now));
    }
}
