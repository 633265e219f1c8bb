namespace ChainForge.Milestones.Milestones.Tracking;

/// <summary>
/// Everything the app keeps true about one milestone, for its page (Pages/Shared/_Tracking.cshtml):
/// the stored progress and whether it is pinned, the plan's figures, the checkpoints and what blocks it.
/// </summary>
public sealed record TrackingSummary(string Id, int? Progress, bool ProgressPinned, PlanProgress Plan, IReadOnlyList<CheckpointState> Checkpoints, IReadOnlyList<string> BlockedBy, IReadOnlyList<string> UnknownDependencies)
{
    /// <summary><paramref name="graph"/>: from <see cref="TrackingQueries.WholeGraphAsync"/> or <see cref="TrackingQueries.DependencyGraphAroundAsync"/>, for what blocks it.</summary>
    public static TrackingSummary Of(Milestone milestone, DateOnly today, DependencyGraph graph)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        return Of(milestone.Id, milestone.Progress, milestone.ProgressPinned, PlanProgress.Of(milestone), milestone.Checkpoints, today, graph);
    }

    /// <summary>From what a milestone's stored page facts hold (<see cref="MilestonePageFacts"/>).</summary>
    public static TrackingSummary Of(string id, int? progress, bool progressPinned, PlanProgress plan, Checkpoints checkpoints, DateOnly today, DependencyGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return new(id, progress, progressPinned, plan, CheckpointRules.States(checkpoints, today), graph.BlockedBy(id), graph.UnknownDeclared(id));
    }

    /// <summary>The stored figure is not the plan's though nothing pinned it (an imported file says otherwise).</summary>
    public bool DiffersFromPlan => !ProgressPinned && Progress != Plan.Figure;
}
