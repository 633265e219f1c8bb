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
public sealed class EditModel(MilestonesDbContext db, IValidator<Milestone> validator, TimeProvider clock) : MilestoneFormModel(validator)
{
    [FromRoute]
    public string Id { get; set; } = "";

    public override bool IsNew => false;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var stored = await db.Milestones.AsNoTracking().FirstOrDefaultAsync(m => m.Id == Id, cancellationToken);
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

        var startedWith = Milestone.Version;
        if (!PassesGates(await MilestoneSaving.PrepareAsync(db, Milestone, User.Identity!.Name!, clock, cancellationToken)))
            return Page();
        var entry = db.Milestones.Update(Milestone);
        // Saved only if the stored Version is still the one the user started from.
        entry.Property(m => m.Version).OriginalValue = startedWith;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await ShowOtherChangesAsync(cancellationToken);
            return Page();
        }
        return RedirectToMilestone($"Saved {Milestone.Id}.");
    }

    protected override void KeepRouteId() => Milestone.Id = Id;

    /// <summary>Shows what was saved since the user started, and takes it as the new starting point, so a second save goes through.</summary>
    private async Task ShowOtherChangesAsync(CancellationToken cancellationToken)
    {
        var current = await db.Milestones.AsNoTracking().FirstOrDefaultAsync(m => m.Id == Id, cancellationToken);
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
