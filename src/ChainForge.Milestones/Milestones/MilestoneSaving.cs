using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.History;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Milestones.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Milestones;

/// <summary>
/// What goes with every save of a milestone edited in the app, in one place: the parts the
/// editor does not own are kept, the gates are checked, progress and Last Updated are set,
/// approvals of changed content turn stale, and a revision is recorded.
/// </summary>
public static class MilestoneSaving
{
    /// <summary>
    /// Prepares <paramref name="edited"/> to be saved by <paramref name="user"/> and adds what
    /// goes with it to the context. Returns why it may not be saved (a gate), or nothing.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PrepareAsync(MilestonesDbContext db, Milestone edited, string user, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(edited);
        var stored = await db.Milestones.AsNoTracking().Where(m => m.Id == edited.Id)
            .Select(m => new { m.Review, m.CreatedBy, m.Status }).FirstOrDefaultAsync(cancellationToken);

        // Reviews are decided on the review page; who created a milestone never changes.
        edited.Review = stored?.Review ?? new ReviewAndApproval();
        edited.CreatedBy = stored is { CreatedBy.Length: > 0 } ? stored.CreatedBy : user;
        edited.LastEditedBy = user;

        if (edited.Status != stored?.Status)
        {
            var refusals = Gates.Refusals(edited, edited.Status);
            if (refusals.Count > 0)
                return refusals;
        }

        MilestoneTracking.ApplyOnSave(edited, TrackingQueries.Today(clock));
        if (stored is not null)
        {
            var latest = await ReviewHistory.LatestAsync(db, edited.Id, cancellationToken);
            db.ReviewDecisions.AddRange(ReviewWorkflow.InvalidateStaleApprovals(edited, latest, clock.GetUtcNow()));
        }
        edited.Version = Guid.NewGuid();
        // Last: the revision is the milestone exactly as it is stored.
        await Revisions.RecordAsync(db, edited, user, RevisionKind.Save, clock, cancellationToken);
        return [];
    }
}
