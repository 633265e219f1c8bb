using ChainForge.Milestones.Data;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Milestones.Reviews;

/// <summary>The latest decision of one review, without the content it was about.</summary>
public sealed record LatestDecision(ReviewKind Kind, ReviewSource Source, string RecordedBy, int? RevisionNumber, string ChangedParts, DateTimeOffset RecordedAt);

/// <summary>Reads a milestone's review history.</summary>
public static class ReviewHistory
{
    /// <summary>The latest decision of each kind, which is what an approval's staleness is judged by.</summary>
    public static async Task<Dictionary<ReviewKind, ReviewDecision>> LatestAsync(MilestonesDbContext db, string milestoneId, CancellationToken cancellationToken = default)
    {
        var decisions = await db.ReviewDecisions.AsNoTracking()
            .Where(d => d.MilestoneId == milestoneId)
            .GroupBy(d => d.Kind)
            .Select(g => g.OrderByDescending(d => d.Id).First())
            .ToListAsync(cancellationToken);
        return decisions.ToDictionary(d => d.Kind);
    }

    /// <summary>
    /// Where each review stands, for the milestone page: who or what made its latest decision,
    /// and for a stale approval, whose change of which parts made it so. Reads a few small
    /// columns, not whole decisions with the markdown they approved.
    /// </summary>
    public static async Task<List<LatestDecision>> LatestStateAsync(MilestonesDbContext db, string milestoneId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var latest = await db.ReviewDecisions.AsNoTracking()
            .Where(d => d.MilestoneId == milestoneId)
            .GroupBy(d => d.Kind)
            .Select(g => g.OrderByDescending(d => d.Id).Select(d => new LatestDecision(d.Kind, d.Source, d.RecordedBy, d.RevisionNumber, d.ChangedParts, d.RecordedAt)).First())
            .ToListAsync(cancellationToken);
        return [.. latest.OrderBy(d => d.Kind)];
    }

    /// <summary>
    /// The approvals the review sections show now: of each milestone's reviews, the latest decision
    /// when it is an approval (with its date, which a signature covers). Archived milestones' too.
    /// </summary>
    public static IQueryable<ReviewDecision> CurrentApprovals(MilestonesDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var latest = db.ReviewDecisions.GroupBy(d => new { d.MilestoneId, d.Kind }).Select(g => g.Max(d => d.Id));
        return db.ReviewDecisions.Where(d => latest.Contains(d.Id) && d.Status == ReviewStatus.Approved && d.Date != null);
    }

    public static Task<List<ReviewDecision>> AllAsync(MilestonesDbContext db, string milestoneId, CancellationToken cancellationToken = default) =>
        db.ReviewDecisions.AsNoTracking()
            .Where(d => d.MilestoneId == milestoneId)
            .OrderByDescending(d => d.Id)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Whether <paramref name="person"/> wrote a revision that changed the parts <paramref name="kind"/>
    /// covers since that review's last approval (or since the milestone was created): their own
    /// work, which another reviewer must approve.
    /// </summary>
    public static async Task<bool> WroteCoveredPartsAsync(MilestonesDbContext db, string milestoneId, ReviewKind kind, string person, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var approved = await db.ReviewDecisions.AsNoTracking()
            .Where(d => d.MilestoneId == milestoneId && d.Kind == kind && d.Status == ReviewStatus.Approved
                && (d.Source == ReviewSource.App || d.Source == ReviewSource.AcceptedFromFile || d.Source == ReviewSource.FromLedger))
            .OrderByDescending(d => d.Id).Select(d => d.RevisionNumber).FirstOrDefaultAsync(cancellationToken) ?? 0;
        var revisions = await db.Revisions.AsNoTracking()
            .Where(r => r.MilestoneId == milestoneId && r.Number >= approved)
            .OrderBy(r => r.Number)
            .Select(r => new { r.Number, r.Author, Hash = kind == ReviewKind.Technical ? r.TechnicalHash : r.BusinessHash })
            .ToListAsync(cancellationToken);
        string? previous = null;
        foreach (var revision in revisions)
        {
            if (revision.Number > approved && revision.Hash != previous && string.Equals(revision.Author, person, StringComparison.OrdinalIgnoreCase))
                return true;
            previous = revision.Hash;
        }
        return false;
    }
}
