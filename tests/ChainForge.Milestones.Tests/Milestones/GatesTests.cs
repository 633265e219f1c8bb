using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Tests.Fixtures;

namespace ChainForge.Milestones.Tests.Milestones;

public sealed class GatesTests
{
    private static Milestone Example() => MarkdownImporter.Import(Fixture.Example).Milestone!;

    [Fact]
    public void A_filled_milestone_may_move_to_review() =>
        Assert.Empty(Gates.Refusals(Example(), MilestoneStatus.Review));

    [Fact]
    public void Review_is_refused_naming_every_section_that_still_holds_placeholders()
    {
        var refusal = Assert.Single(Gates.Refusals(new Milestone { Id = "M-001", ProblemStatement = "Slow blocks" }, MilestoneStatus.Review));

        Assert.Equal("Review needs Solution Overview, Functional Requirements and Must Have criteria filled in: they still hold the template's placeholders.", refusal);
    }

    [Fact]
    public void Completion_is_refused_until_both_reviews_are_approved()
    {
        var milestone = Example();
        milestone.AcceptanceCriteria.MustHave.ForEach(c => c.Done = true);

        Assert.Equal(["Completion needs the business review APPROVED."], Gates.Refusals(milestone, MilestoneStatus.Completed));
    }

    [Fact]
    public void Completion_is_refused_while_a_must_have_criterion_is_unticked()
    {
        var milestone = Example();
        milestone.Review.BusinessReview.Status = ReviewStatus.Approved;

        Assert.Equal(["Completion needs every Must Have criterion ticked: 2 of 3 are not."], Gates.Refusals(milestone, MilestoneStatus.Completed));
    }

    [Fact]
    public void Completion_is_allowed_with_both_approvals_and_every_must_have_ticked()
    {
        var milestone = Example();
        milestone.Review.BusinessReview.Status = ReviewStatus.Approved;
        milestone.AcceptanceCriteria.MustHave.ForEach(c => c.Done = true);

        Assert.Empty(Gates.Refusals(milestone, MilestoneStatus.Completed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(MilestoneStatus.NotStarted)]
    [InlineData(MilestoneStatus.InProgress)]
    public void Statuses_before_review_have_no_gate(MilestoneStatus? status) =>
        Assert.Empty(Gates.Refusals(new Milestone(), status));

    [Fact]
    public void An_imported_milestone_that_breaks_its_gate_says_which()
    {
        var milestone = new Milestone { Id = "M-001", Status = MilestoneStatus.Review, ProblemStatement = "p", SolutionOverview = "s" };

        Assert.Contains("Functional Requirements and Must Have criteria", Assert.Single(Gates.Broken(milestone)), StringComparison.Ordinal);
    }
}
