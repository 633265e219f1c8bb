using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Milestones.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Milestones.History;

/// <summary>Makes the revision that the write path records with every change of content.</summary>
public static class Revisions
{
    /// <summary>The number the milestone's next revision takes, counting those added to the context and not stored yet.</summary>
    public static async Task<int> NextNumberAsync(MilestonesDbContext db, string milestoneId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stored = await db.Revisions.Where(r => r.MilestoneId == milestoneId).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0;
        var pending = db.Revisions.Local.Where(r => string.Equals(r.MilestoneId, milestoneId, StringComparison.OrdinalIgnoreCase)).Select(r => r.Number).DefaultIfEmpty(0).Max();
        return Math.Max(stored, pending) + 1;
    }

    /// <summary>Revision <paramref name="number"/> of <paramref name="milestone"/> exactly as it is now, <paramref name="before"/> being what the revision before it stored.</summary>
    public static Revision Of(Milestone? before, Milestone milestone, int number, RevisionKind kind, string author, DateTimeOffset savedAt)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        var tasks = TaskCount.Of(before, milestone);
        return new Revision
        {
            MilestoneId = milestone.Id,
            Number = number,
            Kind = kind,
            Author = author,
            SavedAt = savedAt,
            Markdown = MarkdownExporter.Export(milestone),
            TechnicalHash = ReviewedContent.Hash(milestone, ReviewKind.Technical),
            BusinessHash = ReviewedContent.Hash(milestone, ReviewKind.Business),
            TasksPlanned = tasks.Planned,
            TasksDone = tasks.Done,
            TasksAdded = tasks.Added,
            TasksRemoved = tasks.Removed,
        };
    }
}
