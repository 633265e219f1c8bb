using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages;

/// <summary>
/// The numbers beside the navigation's links: reviews waiting for the person, their unread
/// updates. Counted once per person and data version (every write that could change them moves
/// it on), not on every page: counting what waits reads every milestone in review.
/// </summary>
public sealed class NavigationCounts(MilestonesDbContext db, WaitingReviews waiting, PerDataVersion kept)
{
    public async Task<(int Reviews, int Unread)> ForAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var me = context.User.Identity?.Name;
        if (me is null)
            return (0, 0);
        var reviews = context.User.IsInRole(Roles.Reviewer) ? (await WaitingForAsync(context, me)).Count : 0;
        var unread = await kept.GetAsync(context, $"unread\n{me}", async cancellationToken =>
            new Unread(await db.Notifications.CountAsync(n => n.Recipient == me && !n.Read, cancellationToken)));
        return (reviews, unread.Count);
    }

    /// <summary>What waits for <paramref name="reviewer"/>, made once per data version for the count here and the review queue's pages.</summary>
    public Task<List<QueuedMilestone>> WaitingForAsync(HttpContext context, string reviewer) =>
        kept.GetAsync(context, $"waiting\n{reviewer}", cancellationToken => waiting.ForAsync(reviewer, cancellationToken));

    private sealed record Unread(int Count);
}
