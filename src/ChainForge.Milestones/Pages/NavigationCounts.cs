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
    private sealed record Counts(int Reviews, int Unread);

    public async Task<(int Reviews, int Unread)> ForAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var me = context.User.Identity?.Name;
        if (me is null)
            return (0, 0);
        var reviewer = context.User.IsInRole(Roles.Reviewer);
        var counts = await kept.GetAsync(context, $"navigation\n{me}\n{reviewer}", async cancellationToken => new Counts(
            reviewer ? await waiting.CountForAsync(me, cancellationToken) : 0,
            await db.Notifications.CountAsync(n => n.Recipient == me && !n.Read, cancellationToken)));
        return (counts.Reviews, counts.Unread);
    }
}
