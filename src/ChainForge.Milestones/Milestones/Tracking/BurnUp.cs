using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.History;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Milestones.Tracking;

/// <summary>
/// The tasks of a milestone's implementation plan as one revision stores them: how many are
/// planned and done, and how many the revision added and removed (by text, against the revision
/// before it; a changed text is one removed and one added).
/// </summary>
public sealed record TaskCount(int Planned, int Done, int Added, int Removed)
{
    public static TaskCount Of(Milestone? before, Milestone after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var tasks = Tasks(after);
        var earlier = before is null ? [] : Tasks(before);
        return new TaskCount(tasks.Count, tasks.Count(t => t.Done), Without(tasks, earlier), Without(earlier, tasks));
    }

    private static List<ChecklistItem> Tasks(Milestone milestone) => [.. milestone.ImplementationPlan.Phases.SelectMany(p => p.Tasks)];

    // How many of these tasks' texts the others do not have, counting repeats.
    private static int Without(List<ChecklistItem> these, List<ChecklistItem> others)
    {
        var left = others.GroupBy(t => t.Text.Trim()).ToDictionary(g => g.Key, g => g.Count());
        var missing = 0;
        foreach (var task in these)
        {
            var text = task.Text.Trim();
            if (left.TryGetValue(text, out var n) && n > 0)
                left[text] = n - 1;
            else
                missing++;
        }
        return missing;
    }
}

/// <summary>One day of a burn-up: tasks planned and done at its end, and the scope it added and removed.</summary>
public sealed record BurnUpPoint(DateOnly Date, int Planned, int Done, int Added, int Removed)
{
    public bool ScopeChanged => Added > 0 || Removed > 0;
}

/// <summary>A revision's counts, as the burn-up reads them.</summary>
public sealed record RevisionTasks(string MilestoneId, DateTimeOffset SavedAt, TaskCount Count);

/// <summary>
/// Tasks done against tasks planned, by day, from the revision history: of one milestone, or
/// summed over every milestone (the portfolio). The first day is the starting scope; a later
/// day that added or removed tasks (a new milestone's tasks included) is a scope change.
/// </summary>
public static class BurnUp
{
    /// <param name="revisions">Revisions in any order; each day counts each milestone's last revision of it.</param>
    /// <param name="today">The series runs on to today when its last change is older.</param>
    public static IReadOnlyList<BurnUpPoint> Of(IEnumerable<RevisionTasks> revisions, TimeZoneInfo zone, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(revisions);
        ArgumentNullException.ThrowIfNull(zone);
        var current = new Dictionary<string, TaskCount>(StringComparer.OrdinalIgnoreCase);
        var points = new List<BurnUpPoint>();
        int planned = 0, done = 0;
        foreach (var day in revisions.OrderBy(r => r.SavedAt).GroupBy(r => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.SavedAt, zone).DateTime)))
        {
            int added = 0, removed = 0;
            foreach (var (milestone, _, count) in day)
            {
                var before = current.GetValueOrDefault(milestone);
                (planned, done) = (planned - (before?.Planned ?? 0) + count.Planned, done - (before?.Done ?? 0) + count.Done);
                (added, removed) = (added + count.Added, removed + count.Removed);
                current[milestone] = count;
            }
            points.Add(points.Count == 0 ? new BurnUpPoint(day.Key, planned, done, 0, 0) : new BurnUpPoint(day.Key, planned, done, added, removed));
        }
        if (points.Count > 0 && points[^1].Date < today)
            points.Add(points[^1] with { Date = today, Added = 0, Removed = 0 });
        return points;
    }

    /// <summary>One milestone's revisions, oldest first.</summary>
    public static async Task<IReadOnlyList<RevisionTasks>> OfMilestoneAsync(MilestonesDbContext db, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await Read(db.Revisions.Where(r => r.MilestoneId == id), cancellationToken);
    }

    /// <summary>The revisions of every milestone in the lists (not the archive): a few numbers each.</summary>
    public static async Task<IReadOnlyList<RevisionTasks>> OfPortfolioAsync(MilestonesDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await Read(db.Revisions.Where(r => db.Milestones.Any(m => m.Id == r.MilestoneId)), cancellationToken);
    }

    private static async Task<IReadOnlyList<RevisionTasks>> Read(IQueryable<Revision> revisions, CancellationToken cancellationToken) =>
        [.. (await revisions.AsNoTracking().Where(r => r.TasksPlanned != null)
            .Select(r => new { r.MilestoneId, r.SavedAt, r.TasksPlanned, r.TasksDone, r.TasksAdded, r.TasksRemoved })
            .ToListAsync(cancellationToken))
            .Select(r => new RevisionTasks(r.MilestoneId, r.SavedAt, new TaskCount(r.TasksPlanned!.Value, r.TasksDone ?? 0, r.TasksAdded ?? 0, r.TasksRemoved ?? 0)))];
}
