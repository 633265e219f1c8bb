using ChainForge.Milestones.Data;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Milestones.Reviews;

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
    /// The kinds whose latest decision is the app turning an approval back to PENDING, in order:
    /// what the milestone page warns of. Reads two small columns, not whole decisions with the
    /// markdown they approved.
    /// </summary>
    public static async Task<List<ReviewKind>> ChangedAfterApprovalAsync(MilestonesDbContext db, string milestoneId, CancellationToken cancellationToken = default)
    {
        var latest = await db.ReviewDecisions.AsNoTracking()
            .Where(d => d.MilestoneId == milestoneId)
            .GroupBy(d => d.Kind)
            .Select(g => g.OrderByDescending(d => d.Id).Select(d => new { d.Kind, d.Source }).First())
            .ToListAsync(cancellationToken);
        return [.. latest.Where(d => d.Source == ReviewSource.Stale).Select(d => d.Kind).Order()];
    }

    public static Task<List<ReviewDecision>> AllAsync(MilestonesDbContext db, string milestoneId, CancellationToken cancellationToken = default) =>
        db.ReviewDecisions.AsNoTracking()
            .Where(d => d.MilestoneId == milestoneId)
            .OrderByDescending(d => d.Id)
            .ToListAsync(cancellationToken);
}
