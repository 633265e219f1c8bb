using ChainForge.Milestones.Data;
using ChainForge.Milestones.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Notifications;

/// <summary>What changed for the signed-in person: reviews asked for, decided, gone stale; unread ones marked.</summary>
public sealed class IndexModel(MilestonesDbContext db) : PageModel
{
    public const int Shown = 100;

    public List<Notification> Notifications { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = User.Identity!.Name!;
        Notifications = await db.Notifications.AsNoTracking()
            .Where(n => n.Recipient == me)
            .OrderByDescending(n => n.Id)
            .Take(Shown)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Marks what the person has seen as read: up to the newest one the page showed them.</summary>
    public async Task<IActionResult> OnPostReadAsync(long upTo, CancellationToken cancellationToken)
    {
        var me = User.Identity!.Name!;
        await db.Notifications.Where(n => n.Recipient == me && !n.Read && n.Id <= upTo)
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.Read, true), cancellationToken);
        return RedirectToPage();
    }
}
