namespace ChainForge.Milestones.Milestones.Tracking;

/// <summary>A checkpoint of one milestone, by its name in the template.</summary>
public sealed record CheckpointState(string Name, DateOnly? Date, bool Reached, bool Overdue);

public static class CheckpointRules
{
    /// <summary>Overdue: its date has passed (is before <paramref name="today"/>) and it is not ticked.</summary>
    public static bool IsOverdue(Checkpoint checkpoint, DateOnly today) =>
        !checkpoint.Reached && checkpoint.Date is { } date && date < today;

    /// <summary>The five checkpoints in the template's order, each with whether it is overdue.</summary>
    public static List<CheckpointState> States(Checkpoints checkpoints, DateOnly today) =>
        [.. checkpoints.All().Select(c => new CheckpointState(c.Name, c.Checkpoint.Date, c.Checkpoint.Reached, IsOverdue(c.Checkpoint, today)))];
}
