using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Milestones.Tracking;

namespace ChainForge.Milestones.Tests.Milestones;

public sealed class MilestonePageFactsTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Fact]
    public void The_facts_are_what_the_page_made_from_the_whole_milestone_showed()
    {
        var milestone = new SampleMilestones(3).Generate(1, 7).Single();

        var facts = MilestonePageFacts.FromJson(MilestonePageFacts.Of(milestone).ToJson());

        Assert.NotNull(facts);
        Assert.Equal((milestone.Id, milestone.Title, milestone.Status, milestone.Priority, milestone.Phase, milestone.AssignedTo, milestone.LastUpdated),
            (facts.Id, facts.Title, facts.Status, facts.Priority, facts.Phase, facts.AssignedTo, facts.LastUpdated));
        Assert.Equal(SectionProgress.Of(milestone), facts.Sections);
        Assert.Equal(Gates.Broken(milestone), facts.BrokenGates);
        Assert.Equal(milestone.Review.TechnicalReview.Status, facts.Review.TechnicalReview.Status);
        Assert.Equal(milestone.Review.BusinessReview.Comments, facts.Review.BusinessReview.Comments);
        var graph = new DependencyGraph([DependencyNode.Of(milestone)]);
        var expected = TrackingSummary.Of(milestone, Today, graph);
        var tracking = facts.Tracking(Today, []);
        Assert.Equal((expected.Progress, expected.ProgressPinned, expected.Plan), (tracking.Progress, tracking.ProgressPinned, tracking.Plan));
        Assert.Equal(expected.Checkpoints, tracking.Checkpoints);
        Assert.Equal(expected.UnknownDependencies, tracking.UnknownDependencies);
    }

    [Fact]
    public void A_broken_gate_is_kept_with_the_facts()
    {
        var milestone = new Milestone { Id = "M-001", Status = MilestoneStatus.Review };

        Assert.Equal(Gates.Broken(milestone), MilestonePageFacts.FromJson(MilestonePageFacts.Of(milestone).ToJson())!.BrokenGates);
        Assert.NotEmpty(Gates.Broken(milestone));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{"Format":0,"Id":"M-001"}""")]
    public void Facts_of_another_format_or_no_facts_are_none(string? json) =>
        Assert.Null(MilestonePageFacts.FromJson(json));

    [Fact]
    public void Facts_of_an_older_format_are_none()
    {
        var json = MilestonePageFacts.Of(new Milestone { Id = "M-001" }).ToJson()
            .Replace($"\"Format\":{MilestonePageFacts.CurrentFormat}", "\"Format\":0", StringComparison.Ordinal);

        Assert.Null(MilestonePageFacts.FromJson(json));
    }
}
