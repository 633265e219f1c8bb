using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Tests.Fixtures;

namespace ChainForge.Milestones.Tests.Milestones;

public sealed class ReviewWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);

    private static Milestone Example() => MarkdownImporter.Import(Fixture.Example).Milestone!;

    private static Dictionary<ReviewKind, ReviewDecision> Latest(params ReviewDecision[] decisions) => decisions.ToDictionary(d => d.Kind);

    [Fact]
    public void A_decision_takes_the_reviewer_from_the_account_and_the_date_from_the_clock()
    {
        var milestone = Example();

        var decision = ReviewWorkflow.Decide(milestone, ReviewKind.Business, ReviewStatus.Approved, " Worth it ", "priya", Now);

        var review = milestone.Review.BusinessReview;
        Assert.Equal(("priya", new DateOnly(2026, 11, 25), ReviewStatus.Approved, "Worth it"), (review.Reviewer, review.Date, review.Status, review.Comments));
        Assert.Equal((ReviewSource.App, "priya"), (decision.Source, decision.RecordedBy));
        Assert.Equal(ReviewedContent.Hash(milestone, ReviewKind.Business), decision.ReviewedHash);
    }

    [Fact]
    public void A_rejection_needs_comments() =>
        Assert.Equal(["A rejection needs comments: say what has to change."],
            ReviewWorkflow.Refusals(ReviewKind.Business, ReviewStatus.Rejected, "  ", ownWork: false));

    [Fact]
    public void A_reviewer_may_not_approve_their_own_work_but_may_reject_it()
    {
        Assert.Single(ReviewWorkflow.Refusals(ReviewKind.Technical, ReviewStatus.Approved, "", ownWork: true));
        Assert.Empty(ReviewWorkflow.Refusals(ReviewKind.Technical, ReviewStatus.Rejected, "Not yet", ownWork: true));
    }

    [Fact]
    public void A_business_approval_turns_pending_crediting_who_changed_which_parts()
    {
        var before = Example();
        var milestone = Example();
        var approval = ReviewWorkflow.Decide(milestone, ReviewKind.Business, ReviewStatus.Approved, "", "priya", Now);
        milestone.ProblemStatement += " More.";
        milestone.Risks.BusinessRisks.Add(new Risk { Description = "Late", Mitigation = "Start early" });

        var stale = ReviewWorkflow.InvalidateStaleApprovals(before, milestone, Latest(approval), "ana", 4, Now);

        var decision = Assert.Single(stale);
        Assert.Equal((ReviewSource.Stale, "ana", 4, "Problem Statement, Business Risks"), (decision.Source, decision.RecordedBy, decision.RevisionNumber, decision.ChangedParts));
        Assert.Equal(ReviewStatus.Pending, milestone.Review.BusinessReview.Status);
        Assert.Equal("Became PENDING because ana changed Problem Statement and Business Risks on 2026-11-25.", milestone.Review.BusinessReview.Comments);
        Assert.Equal(approval.ReviewedMarkdown, decision.ReviewedMarkdown);
    }

    [Fact]
    public void A_business_only_change_leaves_the_technical_approval()
    {
        var before = Example();
        var milestone = Example();
        var approval = ReviewWorkflow.Decide(milestone, ReviewKind.Technical, ReviewStatus.Approved, "", "priya", Now);
        milestone.SolutionOverview += " More.";

        Assert.Empty(ReviewWorkflow.InvalidateStaleApprovals(before, milestone, Latest(approval), "ana", 2, Now));
        Assert.Equal(ReviewStatus.Approved, milestone.Review.TechnicalReview.Status);
    }

    [Fact]
    public void Ticking_tasks_and_criteria_is_progress_and_leaves_the_approval()
    {
        var milestone = Example();
        var approval = ReviewWorkflow.Decide(milestone, ReviewKind.Business, ReviewStatus.Approved, "", "priya", Now);
        milestone.ImplementationPlan.Phases[1].Tasks.ForEach(t => t.Done = true);
        milestone.AcceptanceCriteria.MustHave.ForEach(c => c.Done = true);

        Assert.Empty(ReviewWorkflow.InvalidateStaleApprovals(Example(), milestone, Latest(approval), "ana", 2, Now));
        Assert.Equal(ReviewStatus.Approved, milestone.Review.BusinessReview.Status);
    }

    [Fact]
    public void A_review_that_names_nobody_and_decides_nothing_says_nothing()
    {
        Assert.True(ReviewWorkflow.SaysNothing(Example().Review.BusinessReview));
        Assert.False(ReviewWorkflow.SaysNothing(Example().Review.TechnicalReview));
    }
}
