using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Tracking;
using ChainForge.Milestones.Tests.Data;

namespace ChainForge.Milestones.Tests.Tracking;

/// <summary>The portfolio as the database computes it, on each engine (the risks are read out of JSON in each one's own SQL).</summary>
public sealed class PortfolioQueriesTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private readonly TestDatabase _database = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static Milestone Row(string id, MilestoneStatus? status = null, Priority? priority = null, int? phase = null, int? points = null, decimal? weeks = null,
        string[]? dependencies = null, Risk[]? technical = null, Risk[]? business = null, Checkpoints? checkpoints = null)
    {
        var milestone = new Milestone
        {
            Id = id,
            Title = $"Title {id}",
            Status = status,
            Priority = priority,
            Phase = phase,
            StoryPoints = points,
            Weeks = weeks,
            Dependencies = [.. dependencies ?? []],
            Checkpoints = checkpoints ?? new Checkpoints(),
        };
        milestone.Risks.TechnicalRisks.AddRange(technical ?? []);
        milestone.Risks.BusinessRisks.AddRange(business ?? []);
        return milestone;
    }

    private static Risk Risk(RiskLevel probability, RiskLevel impact, string description = "") =>
        new() { Description = description.Length > 0 ? description : $"{probability}/{impact}", Probability = probability, Impact = impact, Mitigation = "watch it" };

    private async Task<Portfolio> PortfolioOfAsync(params Milestone[] milestones)
    {
        await using (var db = _database.CreateContext())
        {
            db.Milestones.AddRange(milestones);
            await db.SaveChangesAsync(Cancel);
        }
        await using var read = _database.CreateContext();
        return await PortfolioQueries.ReadAsync(read, Today, cancellationToken: Cancel);
    }

    [Fact]
    public async Task Milestones_are_counted_by_status_with_not_set_last_and_effort_summed()
    {
        var portfolio = await PortfolioOfAsync(Row("A", MilestoneStatus.Review, points: 3, weeks: 1), Row("B", MilestoneStatus.Review, points: 5, weeks: 0.5m),
            Row("C", MilestoneStatus.Completed), Row("D"));

        Assert.Equal(4, portfolio.Count);
        Assert.Equal([(MilestoneStatus.NotStarted, 0), (MilestoneStatus.InProgress, 0), (MilestoneStatus.Review, 2), (MilestoneStatus.Completed, 1), (null, 1)],
            portfolio.ByStatus.Select(s => (s.Status, s.Count)));
        var review = portfolio.ByStatus.Single(s => s.Status == MilestoneStatus.Review);
        Assert.Equal((8, 1.5m), (review.StoryPoints, review.Weeks));
    }

    [Fact]
    public async Task Milestones_are_counted_by_priority()
    {
        var portfolio = await PortfolioOfAsync(Row("A", priority: Priority.High), Row("B", priority: Priority.Low), Row("C", priority: Priority.High));

        Assert.Equal([(Priority.High, 2), (Priority.Medium, 0), (Priority.Low, 1), (null, 0)], portfolio.ByPriority.Select(p => (p.Priority, p.Count)));
    }

    [Fact]
    public async Task Story_points_and_weeks_are_summed_per_phase_with_missing_effort_as_zero()
    {
        var portfolio = await PortfolioOfAsync(Row("B", phase: 2, points: 5, weeks: 1.5m), Row("A", phase: 2, points: 8), Row("C", phase: 1, weeks: 2), Row("D"));

        Assert.Equal([(1, 1, 0, 2m), (2, 2, 13, 1.5m), ((int?)null, 1, 0, 0m)], portfolio.Phases.Select(p => (p.Phase, p.Count, p.StoryPoints, p.Weeks)));
    }

    [Fact]
    public async Task The_heatmap_counts_every_technical_and_business_risk_by_probability_and_impact()
    {
        var portfolio = await PortfolioOfAsync(
            Row("A", technical: [Risk(RiskLevel.High, RiskLevel.Low), Risk(RiskLevel.High, RiskLevel.Low)]),
            Row("B", technical: [Risk(RiskLevel.High, RiskLevel.Low)], business: [Risk(RiskLevel.Low, RiskLevel.High)]));

        Assert.Equal(3, portfolio.RiskCount(RiskLevel.High, RiskLevel.Low));
        Assert.Equal(1, portfolio.RiskCount(RiskLevel.Low, RiskLevel.High));
        Assert.Equal(0, portfolio.RiskCount(RiskLevel.Medium, RiskLevel.Medium));
        Assert.Equal(3, portfolio.MostRisksInACell);
    }

    [Fact]
    public async Task The_risks_of_a_cell_are_listed_by_milestone_then_as_listed_in_it()
    {
        await PortfolioOfAsync(
            Row("B", technical: [Risk(RiskLevel.High, RiskLevel.Low, "b1")], business: [Risk(RiskLevel.High, RiskLevel.Low, "b2")]),
            Row("A", technical: [Risk(RiskLevel.High, RiskLevel.Low, "a1"), Risk(RiskLevel.Low, RiskLevel.Low, "other"), Risk(RiskLevel.High, RiskLevel.Low, "a2")]));
        await using var db = _database.CreateContext();

        var risks = await PortfolioQueries.RisksAtAsync(db, RiskLevel.High, RiskLevel.Low, Cancel);

        Assert.Equal([("A", "a1"), ("A", "a2"), ("B", "b1"), ("B", "b2")], risks.Select(r => (r.MilestoneId, r.Risk.Description)));
        Assert.All(risks, r => Assert.Equal("watch it", r.Risk.Mitigation));
    }

    [Fact]
    public async Task Overdue_counts_milestones_with_a_past_checkpoint_not_ticked()
    {
        var late = new Checkpoints { DevelopmentComplete = new Checkpoint { Date = Today.AddDays(-3) }, Deployment = new Checkpoint { Date = Today.AddDays(5) } };
        var ticked = new Checkpoints { TestingComplete = new Checkpoint { Date = Today.AddDays(-1), Reached = true } };
        var today = new Checkpoints { StartDate = new Checkpoint { Date = Today } };

        var portfolio = await PortfolioOfAsync(Row("A", checkpoints: late), Row("B", checkpoints: ticked), Row("C", checkpoints: today));

        Assert.Equal(1, portfolio.OverdueCount);
        Assert.Equal([("A", "Development Complete")], portfolio.Overdue.Select(o => (o.MilestoneId, o.Checkpoint)));
    }

    [Fact]
    public async Task The_first_overdue_and_blocked_milestones_are_listed_and_all_of_them_counted()
    {
        var late = new Checkpoints { StartDate = new Checkpoint { Date = Today.AddDays(-1) } };
        var milestones = Enumerable.Range(1, Portfolio.Listed + 2)
            .Select(n => Row($"M-{n:000}", MilestoneStatus.InProgress, checkpoints: late, dependencies: ["M-999 first"]))
            .Append(Row("M-999", MilestoneStatus.NotStarted));

        var portfolio = await PortfolioOfAsync([.. milestones]);

        Assert.Equal((Portfolio.Listed + 2, Portfolio.Listed), (portfolio.OverdueCount, portfolio.Overdue.Count));
        Assert.Equal((Portfolio.Listed + 2, Portfolio.Listed), (portfolio.BlockedCount, portfolio.Blocked.Count));
        Assert.Equal(["M-999"], portfolio.Blocked[0].BlockedBy);
    }
}
