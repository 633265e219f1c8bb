using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Tracking;

namespace ChainForge.Milestones.Tests.Tracking;

public sealed class PortfolioTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static PortfolioRow Row(string id, MilestoneStatus? status = null, Priority? priority = null, int? phase = null, int? points = null, decimal? weeks = null,
        string[]? dependencies = null, Risk[]? risks = null, Checkpoints? checkpoints = null) =>
        new(id, $"Title {id}", status, priority, phase, points, weeks, dependencies ?? [], [], risks ?? [], checkpoints ?? new Checkpoints());

    private static Risk Risk(RiskLevel probability, RiskLevel impact) => new() { Description = $"{probability}/{impact}", Probability = probability, Impact = impact };

    [Fact]
    public void Milestones_are_counted_by_status_with_not_set_last()
    {
        var portfolio = new Portfolio([Row("A", MilestoneStatus.InProgress), Row("B", MilestoneStatus.InProgress), Row("C", MilestoneStatus.Completed), Row("D")], Today);

        Assert.Equal([(MilestoneStatus.NotStarted, 0), (MilestoneStatus.InProgress, 2), (MilestoneStatus.Review, 0), (MilestoneStatus.Completed, 1), (null, 1)],
            portfolio.ByStatus.Select(s => (s.Status, s.Count)));
    }

    [Fact]
    public void Milestones_are_counted_by_priority()
    {
        var portfolio = new Portfolio([Row("A", priority: Priority.High), Row("B", priority: Priority.Low), Row("C", priority: Priority.High)], Today);

        Assert.Equal([(Priority.High, 2), (Priority.Medium, 0), (Priority.Low, 1), (null, 0)], portfolio.ByPriority.Select(p => (p.Priority, p.Count)));
    }

    [Fact]
    public void Story_points_and_weeks_are_summed_per_phase_with_missing_effort_as_zero()
    {
        var portfolio = new Portfolio([Row("B", phase: 2, points: 5, weeks: 1.5m), Row("A", phase: 2, points: 8), Row("C", phase: 1, weeks: 2), Row("D")], Today);

        Assert.Equal([(1, 0, 2m), (2, 13, 1.5m), ((int?)null, 0, 0m)], portfolio.Phases.Select(p => (p.Phase, p.StoryPoints, p.Weeks)));
        Assert.Equal(["A", "B"], portfolio.Phases[1].Milestones.Select(m => m.Id));
    }

    [Fact]
    public void Story_points_and_weeks_are_summed_per_status()
    {
        var portfolio = new Portfolio([Row("A", MilestoneStatus.Review, points: 3, weeks: 1), Row("B", MilestoneStatus.Review, points: 5, weeks: 0.5m)], Today);

        var review = portfolio.ByStatus.Single(s => s.Status == MilestoneStatus.Review);
        Assert.Equal((2, 8, 1.5m), (review.Count, review.StoryPoints, review.Weeks));
    }

    [Fact]
    public void The_heatmap_counts_every_risk_of_every_milestone_by_probability_and_impact()
    {
        var portfolio = new Portfolio([
            Row("A", risks: [Risk(RiskLevel.High, RiskLevel.Low), Risk(RiskLevel.High, RiskLevel.Low)]),
            Row("B", risks: [Risk(RiskLevel.High, RiskLevel.Low), Risk(RiskLevel.Low, RiskLevel.High)]),
        ], Today);

        Assert.Equal(3, portfolio.RiskCount(RiskLevel.High, RiskLevel.Low));
        Assert.Equal(1, portfolio.RiskCount(RiskLevel.Low, RiskLevel.High));
        Assert.Equal(0, portfolio.RiskCount(RiskLevel.Medium, RiskLevel.Medium));
        Assert.Equal(["A", "A", "B"], portfolio.RisksAt(RiskLevel.High, RiskLevel.Low).Select(r => r.MilestoneId));
    }

    [Fact]
    public void Overdue_checkpoints_are_listed_oldest_first()
    {
        var late = new Checkpoints { DevelopmentComplete = new Checkpoint { Date = Today.AddDays(-3) }, Deployment = new Checkpoint { Date = Today.AddDays(5) } };
        var later = new Checkpoints { StartDate = new Checkpoint { Date = Today.AddDays(-9) }, TestingComplete = new Checkpoint { Date = Today.AddDays(-1), Reached = true } };

        var portfolio = new Portfolio([Row("A", checkpoints: late), Row("B", checkpoints: later)], Today);

        Assert.Equal([("B", "Start Date"), ("A", "Development Complete")], portfolio.Overdue.Select(o => (o.MilestoneId, o.Checkpoint)));
    }

    [Fact]
    public void Blocked_milestones_are_listed_with_what_blocks_them()
    {
        var portfolio = new Portfolio([Row("A", MilestoneStatus.InProgress, dependencies: ["B first"]), Row("B", MilestoneStatus.NotStarted)], Today);

        var blocked = Assert.Single(portfolio.Blocked);
        Assert.Equal("A", blocked.Milestone.Id);
        Assert.Equal(["B"], blocked.BlockedBy);
    }
}
