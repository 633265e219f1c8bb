namespace ChainForge.Milestones.Milestones.Tracking;

/// <summary>What the app keeps true on every save, so the author does not have to.</summary>
public static class MilestoneTracking
{
    /// <summary>
    /// Call on every save in the app (not on import, which stores a file as it is): Progress
    /// becomes the plan's figure (ticked tasks over all tasks; none when there are no tasks)
    /// unless the author pinned a value, and Last Updated becomes <paramref name="today"/>.
    /// </summary>
    public static void ApplyOnSave(Milestone milestone, DateOnly today)
    {
        if (!milestone.ProgressPinned)
            milestone.Progress = PlanProgress.Of(milestone).Figure;
        milestone.LastUpdated = today;
    }
}
