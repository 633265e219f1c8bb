using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Milestones.History;

/// <summary>What came of asking to restore a revision.</summary>
public enum RestoreOutcome { Restored, NotFound, Stale, Unreadable }

/// <summary>Records a revision with every save and import, and restores old ones.</summary>
public static class Revisions
{
    /// <summary>The author of revisions stored from the web while there are no accounts.</summary>
    public const string WebAuthor = "web";

    /// <summary>
    /// Adds a revision of <paramref name="milestone"/> as it is now to the context; the caller's
    /// SaveChanges stores it with the milestone, in the same transaction.
    /// </summary>
    public static async Task<Revision> RecordAsync(MilestonesDbContext db, Milestone milestone, string author, RevisionKind kind, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var stored = await db.Revisions.Where(r => r.MilestoneId == milestone.Id).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0;
        // Revisions added earlier in this unit of work are not in the database yet.
        var pending = db.Revisions.Local.Where(r => string.Equals(r.MilestoneId, milestone.Id, StringComparison.OrdinalIgnoreCase)).Select(r => r.Number).DefaultIfEmpty(0).Max();
        var revision = new Revision
        {
            MilestoneId = milestone.Id,
            Number = Math.Max(stored, pending) + 1,
            Kind = kind,
            Author = author,
            SavedAt = clock.GetUtcNow(),
            Markdown = MarkdownExporter.Export(milestone),
        };
        db.Revisions.Add(revision);
        return revision;
    }

    /// <summary>
    /// Replaces the milestone's content with revision <paramref name="number"/>'s markdown and
    /// records a new revision of kind Restore. <paramref name="expectedVersion"/> is the version
    /// the person saw: if the milestone was saved since, nothing changes and the answer is Stale.
    /// The pinned flag is not in the markdown and stays as it is; so does the review section,
    /// which only reviewers change: approvals of content the restore changes turn stale.
    /// </summary>
    public static async Task<RestoreOutcome> RestoreAsync(MilestonesDbContext db, string milestoneId, int number, Guid expectedVersion, string author, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var current = await db.Milestones.AsNoTracking().Where(m => m.Id == milestoneId)
            .Select(m => new { m.Id, m.Version, m.ProgressPinned, m.CreatedBy, m.Review }).SingleOrDefaultAsync(cancellationToken);
        var markdown = await db.Revisions.Where(r => r.MilestoneId == milestoneId && r.Number == number)
            .Select(r => r.Markdown).SingleOrDefaultAsync(cancellationToken);
        if (current is null || markdown is null)
            return RestoreOutcome.NotFound;
        if (current.Version != expectedVersion)
            return RestoreOutcome.Stale;
        var result = MarkdownImporter.Import(markdown);
        if (!result.Succeeded)
            return RestoreOutcome.Unreadable;

        var restored = result.Milestone!;
        restored.Id = current.Id;
        restored.ProgressPinned = current.ProgressPinned;
        restored.Review = current.Review;
        restored.CreatedBy = current.CreatedBy;
        restored.LastEditedBy = author;
        var latest = await ReviewHistory.LatestAsync(db, restored.Id, cancellationToken);
        db.ReviewDecisions.AddRange(ReviewWorkflow.InvalidateStaleApprovals(restored, latest, clock.GetUtcNow()));
        var entry = db.Milestones.Attach(restored);
        entry.State = EntityState.Modified;
        entry.Property(m => m.Version).OriginalValue = expectedVersion;
        restored.Version = Guid.NewGuid();
        await RecordAsync(db, restored, author, RevisionKind.Restore, clock, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return RestoreOutcome.Stale;
        }
        return RestoreOutcome.Restored;
    }
}
