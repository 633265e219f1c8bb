using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Tracking;

namespace ChainForge.Milestones.Tests.Tracking;

public sealed class TrackingSummaryTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static Milestone HalfDone(int? progress, bool pinned = false)
    {
        var milestone = new Milestone { Id = "M-001", Progress = progress, ProgressPinned = pinned, Status = MilestoneStatus.InProgress, Dependencies = ["M-002"] };
        milestone.ImplementationPlan.Phases[0].Tasks = [ChecklistItem.Of("a", true), ChecklistItem.Of("b")];
        milestone.Checkpoints.DevelopmentComplete = new Checkpoint { Date = Today.AddDays(-1) };
        return milestone;
    }

    private static DependencyGraph Graph(Milestone milestone) =>
        new([DependencyNode.Of(milestone), new DependencyNode("M-002", "Other", MilestoneStatus.Review, [])]);

    [Fact]
    public void An_imported_figure_that_is_not_the_plans_is_pointed_out()
    {
        var milestone = HalfDone(progress: 80);

        Assert.True(TrackingSummary.Of(milestone, Today, Graph(milestone)).DiffersFromPlan);
    }

    [Fact]
    public void A_pinned_figure_is_not_compared_with_the_plan()
    {
        var milestone = HalfDone(progress: 80, pinned: true);

        Assert.False(TrackingSummary.Of(milestone, Today, Graph(milestone)).DiffersFromPlan);
    }

    [Fact]
    public void The_summary_carries_overdue_checkpoints_and_what_blocks_the_milestone()
    {
        var milestone = HalfDone(progress: 50);

        var summary = TrackingSummary.Of(milestone, Today, Graph(milestone));

        Assert.False(summary.DiffersFromPlan);
        Assert.Equal(["Development Complete"], summary.Checkpoints.Where(c => c.Overdue).Select(c => c.Name));
        Assert.Equal(["M-002"], summary.BlockedBy);
    }
}
