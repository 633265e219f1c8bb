using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Pages.Milestones.Editors;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Milestones;

/// <summary>
/// Edits a stored milestone. A save carries the Version the user started from; when someone
/// else saved in between, the save is refused, their changes shown, and the user's input kept.
/// </summary>
[Authorize(Policy = Roles.Author)]
public sealed class EditModel(MilestonesDbContext db, MilestoneChanges changes, IValidator<Milestone> validator) : MilestoneFormModel(db, validator)
{
    [FromRoute]
    public string Id { get; set; } = "";

    public override bool IsNew => false;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var stored = await Db.Milestones.AsNoTracking().FirstOrDefaultAsync(m => m.Id == Id, cancellationToken);
        if (stored is null)
            return NotFound();
        Milestone = stored;
        StartedFrom = Markdown(stored);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        KeepRouteId();
        if (!await ValidateAsync(cancellationToken))
            return Page();

        var result = await changes.EditAsync(Actor.Of(User), Milestone, Milestone.Version, cancellationToken);
        switch (result.Outcome)
        {
            case ChangeOutcome.Done:
                return RedirectToMilestone($"Saved {Milestone.Id}.");
            case ChangeOutcome.Stale or ChangeOutcome.NotFound:
                await ShowOtherChangesAsync(cancellationToken);
                return Page();
            case ChangeOutcome.Forbidden:
                return Forbid();
            default:
                return Refuse(result.Refusals);
        }
    }

    protected override void KeepRouteId() => Milestone.Id = Id;

    /// <summary>Shows what was saved since the user started, and takes it as the new starting point, so a second save goes through.</summary>
    private async Task ShowOtherChangesAsync(CancellationToken cancellationToken)
    {
        var current = await Db.Milestones.AsNoTracking().FirstOrDefaultAsync(m => m.Id == Id, cancellationToken);
        if (current is null)
        {
            ModelState.AddModelError("", $"Not saved: someone deleted {Id} while you were editing it. Copy what you need from this form.");
            return;
        }
        var now = Markdown(current);
        OtherChanges = ChainForge.Milestones.Milestones.LineDiff.Hunks(ChainForge.Milestones.Milestones.LineDiff.Unified(StartedFrom, now));
        ModelState.AddModelError("", "Not saved: someone else saved this milestone while you were editing it. Their changes are shown below; your input is still in the form. Save again to replace their version with yours.");
        Milestone.Version = current.Version;
        StartedFrom = now;
        // The hidden fields show the stored version now, not the posted one.
        ModelState.Remove($"{nameof(Milestone)}.{nameof(Milestone.Version)}");
        ModelState.Remove(nameof(StartedFrom));
    }
}
