using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Tracking;

namespace ChainForge.Milestones.Tests.Tracking;

public sealed class MilestoneTrackingTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static Milestone WithTasks(int ticked, int open)
    {
        var milestone = new Milestone { Progress = 10, LastUpdated = new DateOnly(2025, 1, 1) };
        milestone.ImplementationPlan.Phases[1].Tasks =
            [.. Enumerable.Range(0, ticked).Select(i => ChecklistItem.Of($"t{i}", true)), .. Enumerable.Range(0, open).Select(i => ChecklistItem.Of($"o{i}"))];
        return milestone;
    }

    [Fact]
    public void A_save_sets_progress_to_the_plan_figure()
    {
        var milestone = WithTasks(ticked: 1, open: 1);

        MilestoneTracking.ApplyOnSave(milestone, Today);

        Assert.Equal(50, milestone.Progress);
    }

    [Fact]
    public void A_save_sets_last_updated_to_today()
    {
        var milestone = WithTasks(ticked: 1, open: 1);

        MilestoneTracking.ApplyOnSave(milestone, Today);

        Assert.Equal(Today, milestone.LastUpdated);
    }

    [Fact]
    public void A_save_keeps_a_pinned_progress()
    {
        var milestone = WithTasks(ticked: 1, open: 1);
        milestone.ProgressPinned = true;

        MilestoneTracking.ApplyOnSave(milestone, Today);

        Assert.Equal(10, milestone.Progress);
        Assert.Equal(Today, milestone.LastUpdated);
    }

    [Fact]
    public void A_save_of_a_plan_without_tasks_leaves_progress_not_filled_in()
    {
        var milestone = WithTasks(ticked: 0, open: 0);

        MilestoneTracking.ApplyOnSave(milestone, Today);

        Assert.Null(milestone.Progress);
    }
}
