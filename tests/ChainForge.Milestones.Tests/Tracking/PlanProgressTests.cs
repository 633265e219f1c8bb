using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Tracking;

namespace ChainForge.Milestones.Tests.Tracking;

public sealed class PlanProgressTests
{
    private static ChecklistItem Done(string text = "done") => ChecklistItem.Of(text, done: true);
    private static ChecklistItem Open(string text = "open") => ChecklistItem.Of(text);

    [Fact]
    public void Progress_is_ticked_tasks_over_the_tasks_of_every_phase()
    {
        var milestone = new Milestone();
        milestone.ImplementationPlan.Phases[0].Tasks = [Done(), Done()];
        milestone.ImplementationPlan.Phases[2].Tasks = [Done(), Open()];

        var tasks = PlanProgress.Of(milestone).Tasks;

        Assert.Equal(new Tally(3, 4), tasks);
        Assert.Equal(75, tasks.Percent);
    }

    [Fact]
    public void A_list_with_no_items_has_no_figure()
    {
        var progress = PlanProgress.Of(new Milestone());

        Assert.Equal(new Tally(0, 0), progress.Tasks);
        Assert.Null(progress.Tasks.Percent);
        Assert.Null(progress.Figure);
    }

    [Fact]
    public void The_percentage_is_rounded_down_so_that_100_means_every_item_is_ticked()
    {
        Assert.Equal(99, new Tally(199, 200).Percent);
        Assert.Equal(100, new Tally(200, 200).Percent);
        Assert.Equal(0, new Tally(0, 3).Percent);
    }

    [Fact]
    public void Acceptance_counts_only_the_must_have_criteria()
    {
        var milestone = new Milestone();
        milestone.AcceptanceCriteria.MustHave = [Done(), Open()];
        milestone.AcceptanceCriteria.ShouldHave = [Done(), Done()];
        milestone.AcceptanceCriteria.CouldHave = [Done()];

        Assert.Equal(new Tally(1, 2), PlanProgress.Of(milestone).MustHave);
    }

    [Fact]
    public void Tests_count_all_four_test_lists()
    {
        var milestone = new Milestone();
        milestone.Testing.UnitTests = [Done()];
        milestone.Testing.IntegrationTests = [Open()];
        milestone.Testing.PerformanceTests = [Done(), Open()];
        milestone.Testing.SecurityTests = [Done()];

        Assert.Equal(new Tally(3, 5), PlanProgress.Of(milestone).Tests);
    }

    [Fact]
    public void Documentation_counts_both_documentation_lists()
    {
        var milestone = new Milestone();
        milestone.Documentation.Technical = [Done(), Open()];
        milestone.Documentation.User = [Done()];

        Assert.Equal(new Tally(2, 3), PlanProgress.Of(milestone).Documentation);
    }
}
