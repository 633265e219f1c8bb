using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.History;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.History;

[Microsoft.AspNetCore.Authorization.Authorize(Policy = ChainForge.Milestones.Accounts.Roles.Author)]
public sealed class RestoreModel(MilestonesDbContext db, MilestoneChanges changes) : PageModel
{
    public string Id { get; private set; } = "";
    public int Number { get; private set; }
    public RevisionKind Kind { get; private set; }
    public string Author { get; private set; } = "";
    public DateTimeOffset SavedAt { get; private set; }
    public RevisionDiff Diff { get; private set; } = null!;
    /// <summary>The change folded as the history's unified diff shows it, so the lines around it can be read too.</summary>
    public List<LineDiff.Line?> Hunks { get; private set; } = [];

    /// <summary>The milestone's version when the person looked: a save in between makes the restore stale.</summary>
    [BindProperty]
    public Guid Version { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, int number, CancellationToken cancellationToken) =>
        await LoadAsync(id, number, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string id, int number, CancellationToken cancellationToken)
    {
        var result = await changes.RestoreAsync(Actor.Of(User), id, number, Version, cancellationToken);
        switch (result.Outcome)
        {
            case ChangeOutcome.Done:
                OneTimeMessage.Done(TempData, $"Restored revision {number} as revision {result.Revision}.");
                return Redirect($"/milestones/{Uri.EscapeDataString(id)}/history");
            case ChangeOutcome.NotFound:
                return NotFound();
            case ChangeOutcome.Forbidden:
                return Forbid();
            case ChangeOutcome.Stale:
                ModelState.AddModelError("", $"Not restored: {await changes.LastSavedByAsync(Actor.Of(User), id, cancellationToken)} saved the milestone since you opened this page. Look at the changes below again before restoring.");
                break;
            default:
                foreach (var refusal in result.Refusals)
                    ModelState.AddModelError("", $"Not restored: {refusal}");
                break;
        }
        if (!await LoadAsync(id, number, cancellationToken))
            return NotFound();
        return Page();
    }

    private async Task<bool> LoadAsync(string id, int number, CancellationToken cancellationToken)
    {
        var milestone = await db.Milestones.AsNoTracking().Where(m => m.Id == id).SingleOrDefaultAsync(cancellationToken);
        var revision = await db.Revisions.AsNoTracking().SingleOrDefaultAsync(r => r.MilestoneId == id && r.Number == number, cancellationToken);
        if (milestone is null || revision is null)
            return false;
        (Id, Number, Kind, Author, SavedAt) = (milestone.Id, revision.Number, revision.Kind, revision.Author, revision.SavedAt);
        // A fresh look shows the current version; the form then carries it.
        ModelState.Remove(nameof(Version));
        Version = milestone.Version;
        var current = ChainForge.Milestones.Milestones.Markdown.MarkdownExporter.Export(milestone);
        Diff = new RevisionDiff(current, revision.Markdown);
        Hunks = LineDiff.Hunks(Diff.Unified);
        return true;
    }
}
