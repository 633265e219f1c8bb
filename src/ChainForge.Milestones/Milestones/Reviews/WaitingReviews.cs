using ChainForge.Milestones.Data;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Milestones.Reviews;

/// <summary>One milestone in review and where its two reviews stand.</summary>
public sealed record QueuedMilestone(string Id, string Title, MilestoneStatus? Status, ReviewStatus? Technical, ReviewStatus? Business, DateOnly? LastUpdated);

/// <summary>What waits for a reviewer: one owner for the review page's queue and the navigation's count.</summary>
public sealed class WaitingReviews(MilestonesDbContext db, MilestoneChanges changes)
{
    /// <summary>
    /// Milestones in REVIEW with a review not yet APPROVED that <paramref name="reviewer"/> may
    /// approve (not their own work), oldest first.
    /// </summary>
    public async Task<List<QueuedMilestone>> ForAsync(string reviewer, CancellationToken cancellationToken = default)
    {
        var rows = await NotApproved()
            .OrderBy(m => m.LastUpdated).ThenBy(m => m.Id)
            .Select(m => new
            {
                Row = new QueuedMilestone(m.Id, m.Title, m.Status, m.Review.TechnicalReview.Status, m.Review.BusinessReview.Status, m.LastUpdated),
                Wrote = db.Revisions.Any(r => r.MilestoneId == m.Id && r.Author == reviewer),
            })
            .ToListAsync(cancellationToken);
        var waiting = new List<QueuedMilestone>();
        foreach (var (row, wrote) in rows.Select(r => (r.Row, r.Wrote)))
        {
            if (!wrote || await MayApproveAnyAsync(reviewer, row, cancellationToken))
                waiting.Add(row);
        }
        return waiting;
    }

    /// <summary>How many <see cref="ForAsync"/> would list, counted by the database where it can be.</summary>
    public async Task<int> CountForAsync(string reviewer, CancellationToken cancellationToken = default)
    {
        var notApproved = NotApproved();
        // Only where they wrote a revision can it be their own work: ask about those alone.
        var count = await notApproved.CountAsync(m => !db.Revisions.Any(r => r.MilestoneId == m.Id && r.Author == reviewer), cancellationToken);
        var wrote = await notApproved.Where(m => db.Revisions.Any(r => r.MilestoneId == m.Id && r.Author == reviewer))
            .Select(m => new QueuedMilestone(m.Id, m.Title, m.Status, m.Review.TechnicalReview.Status, m.Review.BusinessReview.Status, m.LastUpdated))
            .ToListAsync(cancellationToken);
        foreach (var row in wrote)
        {
            if (await MayApproveAnyAsync(reviewer, row, cancellationToken))
                count++;
        }
        return count;
    }

    private IQueryable<Milestone> NotApproved() =>
        db.Milestones.AsNoTracking().Where(m => m.Status == MilestoneStatus.Review
            && (m.Review.TechnicalReview.Status != ReviewStatus.Approved || m.Review.BusinessReview.Status != ReviewStatus.Approved));

    private async Task<bool> MayApproveAnyAsync(string reviewer, QueuedMilestone row, CancellationToken cancellationToken)
    {
        foreach (var (kind, status) in new[] { (ReviewKind.Technical, row.Technical), (ReviewKind.Business, row.Business) })
        {
            if (status != ReviewStatus.Approved && !await changes.IsOwnWorkAsync(reviewer, row.Id, kind, cancellationToken))
                return true;
        }
        return false;
    }
}
