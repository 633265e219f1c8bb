namespace ChainForge.Milestones.Milestones.Tracking;

/// <summary>Milestones of one phase (null: phase not filled in) with their summed effort.</summary>
public sealed record PhaseSummary(int? Phase, int Count, int StoryPoints, decimal Weeks);

/// <summary>Effort summed over the milestones of one status (null: status not filled in).</summary>
public sealed record StatusEffort(MilestoneStatus? Status, int Count, int StoryPoints, decimal Weeks);

public sealed record PriorityCount(Priority? Priority, int Count);

/// <summary>A risk of a milestone (technical or business).</summary>
public sealed record PortfolioRisk(string MilestoneId, string MilestoneTitle, Risk Risk);

public sealed record OverdueCheckpoint(string MilestoneId, string MilestoneTitle, string Checkpoint, DateOnly Date);

/// <summary>
/// The whole portfolio at a glance, computed by the database (<see cref="PortfolioQueries"/>):
/// counts and sums by grouping, the heatmap by counting risks, and of the overdue and blocked
/// milestones how many there are and the first few, the rest behind a link. Effort not filled in
/// counts as 0 in the sums; statuses, priorities and phases not filled in have their own entry.
/// </summary>
public sealed class Portfolio
{
    public static readonly IReadOnlyList<RiskLevel> Levels = [RiskLevel.High, RiskLevel.Medium, RiskLevel.Low];

    /// <summary>How many overdue or blocked milestones the page lists before linking to all of them.</summary>
    public const int Listed = 10;

    public required int Count { get; init; }
    public required IReadOnlyList<StatusEffort> ByStatus { get; init; }
    public required IReadOnlyList<PriorityCount> ByPriority { get; init; }
    public required IReadOnlyList<PhaseSummary> Phases { get; init; }
    public required IReadOnlyDictionary<(RiskLevel Probability, RiskLevel Impact), int> RiskCells { get; init; }

    /// <summary>Milestones with at least one overdue checkpoint.</summary>
    public required int OverdueCount { get; init; }

    /// <summary>The overdue checkpoints of the first <see cref="Listed"/> of them, by ID.</summary>
    public required IReadOnlyList<OverdueCheckpoint> Overdue { get; init; }

    public required int BlockedCount { get; init; }
    public required IReadOnlyList<BlockedMilestone> Blocked { get; init; }

    public int RiskCount(RiskLevel probability, RiskLevel impact) => RiskCells.GetValueOrDefault((probability, impact));

    /// <summary>The busiest heatmap cell's count, to shade the others against.</summary>
    public int MostRisksInACell => RiskCells.Values.DefaultIfEmpty(0).Max();
}
