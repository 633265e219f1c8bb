namespace ChainForge.Milestones.Milestones.Tracking;

/// <summary>What the portfolio needs of one milestone; the page loads only these columns.</summary>
public sealed record PortfolioRow(
    string Id, string Title, MilestoneStatus? Status, Priority? Priority, int? Phase, int? StoryPoints, decimal? Weeks,
    IReadOnlyList<string> Dependencies, IReadOnlyList<string> InternalDependencies, IReadOnlyList<Risk> Risks, Checkpoints Checkpoints)
{
    public DependencyNode DependencyNode => new(Id, Title, Status, [.. Dependencies, .. InternalDependencies]);
}

/// <summary>Milestones of one phase (null: phase not filled in) with their summed effort.</summary>
public sealed record PhaseSummary(int? Phase, IReadOnlyList<PortfolioRow> Milestones, int StoryPoints, decimal Weeks);

/// <summary>Effort summed over the milestones of one status (null: status not filled in).</summary>
public sealed record StatusEffort(MilestoneStatus? Status, int Count, int StoryPoints, decimal Weeks);

public sealed record PriorityCount(Priority? Priority, int Count);

/// <summary>A risk of a milestone (technical or business).</summary>
public sealed record PortfolioRisk(string MilestoneId, string MilestoneTitle, Risk Risk);

public sealed record OverdueCheckpoint(string MilestoneId, string MilestoneTitle, string Checkpoint, DateOnly Date);

/// <summary>
/// The whole portfolio at a glance, computed from slim rows. Effort not filled in counts as 0
/// in the sums; statuses, priorities and phases not filled in have their own "not set" entry.
/// </summary>
public sealed class Portfolio
{
    public static readonly IReadOnlyList<RiskLevel> Levels = [RiskLevel.High, RiskLevel.Medium, RiskLevel.Low];

    public Portfolio(IReadOnlyCollection<PortfolioRow> rows, DateOnly today)
    {
        Count = rows.Count;
        ByStatus = [.. Enum.GetValues<MilestoneStatus>().Select(s => (MilestoneStatus?)s).Append(null)
            .Select(s => Effort(s, [.. rows.Where(r => r.Status == s)]))];
        ByPriority = [.. Enum.GetValues<Priority>().Select(p => (Priority?)p).Append(null)
            .Select(p => new PriorityCount(p, rows.Count(r => r.Priority == p)))];
        Phases = [.. rows.GroupBy(r => r.Phase).OrderBy(g => g.Key is null).ThenBy(g => g.Key)
            .Select(g => new PhaseSummary(g.Key, [.. g.OrderBy(r => r.Id, StringComparer.OrdinalIgnoreCase)], g.Sum(r => r.StoryPoints ?? 0), g.Sum(r => r.Weeks ?? 0)))];
        Risks = [.. rows.SelectMany(r => r.Risks.Select(risk => new PortfolioRisk(r.Id, r.Title, risk)))];
        Overdue = [.. rows.SelectMany(r => r.Checkpoints.All()
                .Where(c => CheckpointRules.IsOverdue(c.Checkpoint, today))
                .Select(c => new OverdueCheckpoint(r.Id, r.Title, c.Name, c.Checkpoint.Date!.Value)))
            .OrderBy(o => o.Date).ThenBy(o => o.MilestoneId, StringComparer.OrdinalIgnoreCase)];
        Dependencies = new DependencyGraph(rows.Select(r => r.DependencyNode));
        Blocked = [.. Dependencies.Blocked()];
    }

    public int Count { get; }
    public IReadOnlyList<StatusEffort> ByStatus { get; }
    public IReadOnlyList<PriorityCount> ByPriority { get; }
    public IReadOnlyList<PhaseSummary> Phases { get; }
    public IReadOnlyList<PortfolioRisk> Risks { get; }
    public IReadOnlyList<OverdueCheckpoint> Overdue { get; }
    public DependencyGraph Dependencies { get; }
    public IReadOnlyList<BlockedMilestone> Blocked { get; }

    /// <summary>The risks in one cell of the heatmap.</summary>
    public IEnumerable<PortfolioRisk> RisksAt(RiskLevel probability, RiskLevel impact) =>
        Risks.Where(r => r.Risk.Probability == probability && r.Risk.Impact == impact);

    public int RiskCount(RiskLevel probability, RiskLevel impact) => RisksAt(probability, impact).Count();

    /// <summary>The busiest heatmap cell's count, to shade the others against.</summary>
    public int MostRisksInACell => Levels.SelectMany(p => Levels.Select(i => RiskCount(p, i))).Max();

    private static StatusEffort Effort(MilestoneStatus? status, List<PortfolioRow> rows) =>
        new(status, rows.Count, rows.Sum(r => r.StoryPoints ?? 0), rows.Sum(r => r.Weeks ?? 0));
}
