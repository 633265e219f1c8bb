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

    public static Task<List<ReviewDecision>> AllAsync(MilestonesDbContext db, string milestoneId, CancellationToken cancellationToken = default) =>
        db.ReviewDecisions.AsNoTracking()
            .Where(d => d.MilestoneId == milestoneId)
            .OrderByDescending(d => d.Id)
            .ToListAsync(cancellationToken);
}
