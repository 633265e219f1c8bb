using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Data;

/// <summary>
/// The part of migration <c>BurnUp</c> that SQL cannot do: each stored revision's task counts
/// (<see cref="TaskCount"/>), read from its markdown and the revision before it. Runs at start-up
/// after the migrations; a revision done once is never read again.
/// </summary>
public static class RevisionTaskCounts
{
    private const int Milestones = 50;

    public static async Task BackfillAsync(MilestonesDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        while (await db.Revisions.Where(r => r.TasksPlanned == null).Select(r => r.MilestoneId).Distinct().OrderBy(id => id).Take(Milestones)
            .ToListAsync(cancellationToken) is { Count: > 0 } ids)
        {
            var revisions = await db.Revisions.Where(r => ids.Contains(r.MilestoneId)).ToListAsync(cancellationToken);
            foreach (var history in revisions.GroupBy(r => r.MilestoneId, StringComparer.OrdinalIgnoreCase))
            {
                ChainForge.Milestones.Milestones.Milestone? before = null;
                foreach (var revision in history.OrderBy(r => r.Number))
                {
                    // A revision that no longer reads (none should) counts as the one before it: no change of scope.
                    var milestone = MarkdownImporter.Import(revision.Markdown).Milestone ?? before ?? new() { Id = revision.MilestoneId };
                    if (revision.TasksPlanned is null)
                    {
                        var count = TaskCount.Of(milestone == before ? milestone : before, milestone);
                        (revision.TasksPlanned, revision.TasksDone, revision.TasksAdded, revision.TasksRemoved) = (count.Planned, count.Done, count.Added, count.Removed);
                    }
                    before = milestone;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
