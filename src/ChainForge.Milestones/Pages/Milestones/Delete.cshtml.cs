using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Milestones;

[Authorize(Policy = Roles.Author)]
public sealed class DeleteModel(MilestonesDbContext db) : PageModel
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
        await db.Milestones.Where(m => m.Id == milestone.Id).ExecuteDeleteAsync(cancellationToken);
        TempData["Message"] = milestone.Title.Length > 0 ? $"Deleted {milestone.Id}: {milestone.Title}." : $"Deleted {milestone.Id}.";
        return Redirect("/");
    }

    private Task<Summary?> Find(string id, CancellationToken cancellationToken) =>
        db.Milestones.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new Summary(m.Id, m.Title, m.AssignedTo, m.Progress))
            .FirstOrDefaultAsync(cancellationToken);
}
