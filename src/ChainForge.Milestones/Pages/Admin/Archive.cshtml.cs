using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Admin;

/// <summary>Archived milestones: an administrator brings one back or purges it for good.</summary>
[Authorize(Policy = Roles.Admin)]
public sealed class ArchiveModel(MilestonesDbContext db, MilestoneChanges changes) : PageModel
{
    public sealed record Row(string Id, string Title, DateTimeOffset ArchivedAt, string ArchivedBy, int Revisions);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var archived = await db.Milestones.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.ArchivedAt != null)
            .Select(m => new Row(m.Id, m.Title, m.ArchivedAt!.Value, m.ArchivedBy, db.Revisions.Count(r => r.MilestoneId == m.Id)))
            .ToListAsync(cancellationToken);
        // SQLite cannot order by a DateTimeOffset; the archive is short.
        Rows = [.. archived.OrderByDescending(r => r.ArchivedAt)];
    }

    public async Task<IActionResult> OnPostBringBackAsync(string id, CancellationToken cancellationToken) =>
        Done(await changes.UnarchiveAsync(Actor.Of(User), id, cancellationToken), $"{id} is back in the list.", id);

    public async Task<IActionResult> OnPostPurgeAsync(string id, bool confirm, CancellationToken cancellationToken)
    {
        if (!confirm)
        {
            OneTimeMessage.NotDone(TempData, $"Nothing purged: tick “for good” beside {id} to purge it.");
            return RedirectToPage();
        }
        return Done(await changes.PurgeAsync(Actor.Of(User), id, cancellationToken), $"Purged {id} with its history; the audit log keeps that you did.", id);
    }

    private IActionResult Done(ChangeResult result, string message, string id)
    {
        if (result.Outcome == ChangeOutcome.Forbidden)
            return Forbid();
        if (result.Succeeded)
            OneTimeMessage.Done(TempData, message);
        else
            OneTimeMessage.NotDone(TempData, $"{id} is not in the archive (any more).");
        return RedirectToPage();
    }
}
