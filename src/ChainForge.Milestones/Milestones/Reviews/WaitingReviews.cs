using ChainForge.Milestones.Data;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Milestones.Reviews;

/// <summary>One milestone in review and where its two reviews stand.</summary>
public sealed record QueuedMilestone(string Id, string Title, MilestoneStatus? Status, ReviewStatus? Technical, ReviewStatus? Business, DateOnly? LastUpdated);

/// <summary>What waits for a reviewer: one owner for the review page's queue and the navigation's count (both kept per data version, Pages/NavigationCounts.cs).</summary>
public sealed class WaitingReviews(MilestonesDbContext db, MilestoneChanges changes)
{
    /// <summary>
    /// Milestones in REVIEW with a review not yet APPROVED that <paramref name="reviewer"/> may
    /// approve (not their own work), oldest first: the database filters; only milestones the
    /// reviewer wrote a revision of are judged one by one.
    /// </summary>
    public async Task<List<QueuedMilestone>> ForAsync(string reviewer, CancellationToken cancellationToken = default)
    {
        var theirs = await TheirOwnAsync(reviewer, cancellationToken);
        return await NotApproved().Where(m => !theirs.Contains(m.Id))
            .OrderBy(m => m.LastUpdated).ThenBy(m => m.Id)
            .Select(m => new QueuedMilestone(m.Id, m.Title, m.Status, m.Review.TechnicalReview.Status, m.Review.BusinessReview.Status, m.LastUpdated))
            .ToListAsync(cancellationToken);
    }

    // The milestones waiting for review whose every open review is this reviewer's own work. Only
    // where they wrote a revision can it be: those few are judged by the self-review rule.
    private async Task<List<string>> TheirOwnAsync(string reviewer, CancellationToken cancellationToken)
    {
        var wrote = await NotApproved().Where(m => db.Revisions.Any(r => r.MilestoneId == m.Id && r.Author == reviewer))
            .Select(m => new QueuedMilestone(m.Id, m.Title, m.Status, m.Review.TechnicalReview.Status, m.Review.BusinessReview.Status, m.LastUpdated))
            .ToListAsync(cancellationToken);
        var theirs = new List<string>();
        foreach (var row in wrote)
        {
            if (!await MayApproveAnyAsync(reviewer, row, cancellationToken))
                theirs.Add(row.Id);
        }
        return theirs;
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
