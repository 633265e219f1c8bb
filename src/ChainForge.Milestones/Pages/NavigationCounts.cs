using System.Security.Claims;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages;

/// <summary>The numbers beside the navigation's links: reviews waiting for the person, their unread updates.</summary>
public sealed class NavigationCounts(MilestonesDbContext db, WaitingReviews waiting)
{
    public async Task<int> ReviewsWaitingAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Reviewer) ? await waiting.CountForAsync(user.Identity!.Name!, cancellationToken) : 0;
    }

    public Task<int> UnreadAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var me = user.Identity!.Name!;
        return db.Notifications.CountAsync(n => n.Recipient == me && !n.Read, cancellationToken);
    }
}
