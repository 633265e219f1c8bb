using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Milestones;

/// <summary>Deleting, done safely: the milestone moves to the archive with its history and reviews.</summary>
[Authorize(Policy = Roles.Author)]
public sealed class ArchiveModel(MilestonesDbContext db, MilestoneChanges changes) : PageModel
{
    public sealed record Summary(string Id, string Title, string AssignedTo, int? Progress);

    public Summary Milestone { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await Find(id, cancellationToken) is not { } milestone)
            return NotFound();
        Milestone = milestone;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await Find(id, cancellationToken) is not { } milestone)
        {
            // Archived from another tab or by someone else: said on the list, not as a bare 404.
            return await db.Milestones.IgnoreQueryFilters().AnyAsync(m => m.Id == id && m.ArchivedAt != null, cancellationToken)
                ? ArchivedAlready(id)
                : NotFound();
        }
        var result = await changes.ArchiveAsync(Actor.Of(User), milestone.Id, cancellationToken);
        switch (result.Outcome)
        {
            case ChangeOutcome.Forbidden:
                return Forbid();
            case ChangeOutcome.NotFound:
                return ArchivedAlready(milestone.Id);
            case ChangeOutcome.Done:
                OneTimeMessage.Done(TempData, $"Archived {milestone.Id}{(milestone.Title.Length > 0 ? $": {milestone.Title}" : "")}. An administrator can bring it back.");
                break;
            default:
                OneTimeMessage.NotDone(TempData, $"{milestone.Id} was not archived: someone saved it at the same moment. Try again.");
                break;
        }
        return Redirect("/");
    }

    private RedirectResult ArchivedAlready(string id)
    {
        OneTimeMessage.NotDone(TempData, $"{id} is in the archive already: an administrator can bring it back.");
        return Redirect("/");
    }

    private Task<Summary?> Find(string id, CancellationToken cancellationToken) =>
        db.Milestones.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new Summary(m.Id, m.Title, m.AssignedTo, m.Progress))
            .FirstOrDefaultAsync(cancellationToken);
}
