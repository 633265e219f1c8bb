using System.Collections.Concurrent;
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
public sealed class NavigationCounts(MilestonesDbContext db, WaitingReviews waiting, NavigationCounts.Kept kept)
{
    /// <summary>The counts last made for each person, with the data version they were made at.</summary>
    public sealed class Kept
    {
        internal ConcurrentDictionary<string, (long Version, int Reviews, int Unread)> ByPerson { get; } = new();
    }

    public async Task<(int Reviews, int Unread)> ForAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var me = context.User.Identity?.Name;
        if (me is null)
            return (0, 0);
        var version = await DataVersion.ForRequestAsync(context, context.RequestAborted);
        var key = $"{me}\n{context.User.IsInRole(Roles.Reviewer)}";
        if (kept.ByPerson.TryGetValue(key, out var known) && known.Version == version)
            return (known.Reviews, known.Unread);
        var reviews = context.User.IsInRole(Roles.Reviewer) ? await waiting.CountForAsync(me, context.RequestAborted) : 0;
        var unread = await db.Notifications.CountAsync(n => n.Recipient == me && !n.Read, context.RequestAborted);
        kept.ByPerson[key] = (version, reviews, unread);
        return (reviews, unread);
    }
}
