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
            return NotFound();
        var result = await changes.ArchiveAsync(Actor.Of(User), milestone.Id, cancellationToken);
        if (result.Outcome == ChangeOutcome.Forbidden)
            return Forbid();
        if (result.Succeeded)
            OneTimeMessage.Done(TempData, $"Archived {milestone.Id}{(milestone.Title.Length > 0 ? $": {milestone.Title}" : "")}. An administrator can bring it back.");
        else
            OneTimeMessage.NotDone(TempData, $"{milestone.Id} was not archived: it changed or was archived meanwhile.");
        return Redirect("/");
    }

    private Task<Summary?> Find(string id, CancellationToken cancellationToken) =>
        db.Milestones.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new Summary(m.Id, m.Title, m.AssignedTo, m.Progress))
            .FirstOrDefaultAsync(cancellationToken);
}
