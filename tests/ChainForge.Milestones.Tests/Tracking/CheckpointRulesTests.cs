using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Tracking;

namespace ChainForge.Milestones.Tests.Tracking;

public sealed class CheckpointRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Fact]
    public void A_checkpoint_whose_date_has_passed_unticked_is_overdue() =>
        Assert.True(CheckpointRules.IsOverdue(new Checkpoint { Date = Today.AddDays(-1) }, Today));

    [Fact]
    public void A_ticked_checkpoint_is_not_overdue() =>
        Assert.False(CheckpointRules.IsOverdue(new Checkpoint { Date = Today.AddDays(-30), Reached = true }, Today));

    [Fact]
    public void A_checkpoint_due_today_is_not_overdue_yet() =>
        Assert.False(CheckpointRules.IsOverdue(new Checkpoint { Date = Today }, Today));

    [Fact]
    public void A_checkpoint_without_a_date_is_not_overdue() =>
        Assert.False(CheckpointRules.IsOverdue(new Checkpoint(), Today));

    [Fact]
    public void The_five_checkpoints_are_listed_in_the_template_order_with_their_state()
    {
        var checkpoints = new Checkpoints
        {
            StartDate = new Checkpoint { Date = Today.AddDays(-10), Reached = true },
            DevelopmentComplete = new Checkpoint { Date = Today.AddDays(-2) },
        };

        var states = CheckpointRules.States(checkpoints, Today);

        Assert.Equal(["Start Date", "Development Complete", "Testing Complete", "Review Complete", "Deployment"], states.Select(s => s.Name));
        Assert.Equal([false, true, false, false, false], states.Select(s => s.Overdue));
    }
}
