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
        var inReview = await db.Milestones.AsNoTracking()
            .Where(m => m.Status == MilestoneStatus.Review)
            .OrderBy(m => m.LastUpdated).ThenBy(m => m.Id)
            .Select(m => new QueuedMilestone(m.Id, m.Title, m.Status, m.Review.TechnicalReview.Status, m.Review.BusinessReview.Status, m.LastUpdated))
            .ToListAsync(cancellationToken);
        // Only where they wrote a revision can it be their own work: ask about those alone.
        var wrote = (await db.Revisions.AsNoTracking().Where(r => r.Author == reviewer).Select(r => r.MilestoneId).Distinct().ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var waiting = new List<QueuedMilestone>();
        foreach (var milestone in inReview)
        {
            if (!wrote.Contains(milestone.Id))
            {
                if (milestone.Technical != ReviewStatus.Approved || milestone.Business != ReviewStatus.Approved)
                    waiting.Add(milestone);
                continue;
            }
            foreach (var (kind, status) in new[] { (ReviewKind.Technical, milestone.Technical), (ReviewKind.Business, milestone.Business) })
            {
                if (status != ReviewStatus.Approved && !await changes.IsOwnWorkAsync(reviewer, milestone.Id, kind, cancellationToken))
                {
                    waiting.Add(milestone);
                    break;
                }
            }
        }
        return waiting;
    }
}
