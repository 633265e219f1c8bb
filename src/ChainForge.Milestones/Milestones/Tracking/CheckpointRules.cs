using System.Linq.Expressions;

namespace ChainForge.Milestones.Milestones.Tracking;

/// <summary>A checkpoint of one milestone, by its name in the template.</summary>
public sealed record CheckpointState(string Name, DateOnly? Date, bool Reached, bool Overdue);

public static class CheckpointRules
{
    /// <summary>Overdue: its date has passed (is before <paramref name="today"/>) and it is not ticked.</summary>
    public static bool IsOverdue(Checkpoint checkpoint, DateOnly today) =>
        !checkpoint.Reached && checkpoint.Date is { } date && date < today;

    /// <summary>
    /// A milestone with at least one overdue checkpoint, as the database can ask it (one test per
    /// checkpoint, read from the JSON column), for the portfolio and the list's filter.
    /// </summary>
    public static Expression<Func<Milestone, bool>> HasOverdue(DateOnly today) => m =>
        (!m.Checkpoints.StartDate.Reached && m.Checkpoints.StartDate.Date < today)
        || (!m.Checkpoints.DevelopmentComplete.Reached && m.Checkpoints.DevelopmentComplete.Date < today)
        || (!m.Checkpoints.TestingComplete.Reached && m.Checkpoints.TestingComplete.Date < today)
        || (!m.Checkpoints.ReviewComplete.Reached && m.Checkpoints.ReviewComplete.Date < today)
        || (!m.Checkpoints.Deployment.Reached && m.Checkpoints.Deployment.Date < today);

    /// <summary>The five checkpoints in the template's order, each with whether it is overdue.</summary>
    public static List<CheckpointState> States(Checkpoints checkpoints, DateOnly today) =>
        [.. checkpoints.All().Select(c => new CheckpointState(c.Name, c.Checkpoint.Date, c.Checkpoint.Reached, IsOverdue(c.Checkpoint, today)))];
}
