using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
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
            case ChangeOutcome.Stale:
                return await MergeAsync(cancellationToken);
            case ChangeOutcome.NotFound:
                await ShowOtherChangesAsync(cancellationToken);
                return Page();
            case ChangeOutcome.Forbidden:
                return Forbid();
            default:
                return Refuse(result.Refusals);
        }
    }

    protected override void KeepRouteId() => Milestone.Id = Id;

    /// <summary>
    /// Someone else saved since this person started: their changes and this person's are merged
    /// (<see cref="MilestoneMerge"/>). Without a collision the merge is saved and the milestone
    /// page says whose changes were kept; with one, the merged form comes back with the
    /// collisions side by side, never a save that silently reverts the other person's work.
    /// </summary>
    private async Task<IActionResult> MergeAsync(CancellationToken cancellationToken)
    {
        var current = await Db.Milestones.AsNoTracking().FirstOrDefaultAsync(m => m.Id == Id, cancellationToken);
        if (current is null)
        {
            await ShowOtherChangesAsync(cancellationToken);
            return Page();
        }
        var theirs = Markdown(current);
        // Reviews are never typed in the editor: the form's empty review is not a change of the person's.
        var yours = Milestone.Copy();
        yours.Review = current.Review;
        var merge = MilestoneMerge.Of(StartedFrom, Markdown(yours), theirs);
        if (MarkdownImporter.Import(merge.Text).Milestone is not { } merged)
        {
            await ShowOtherChangesAsync(cancellationToken);
            return Page();
        }
        merged.Id = Id;
        merged.ProgressPinned = Milestone.ProgressPinned;
        var who = Actor.Of(User).Describe(current.LastEditedBy);
        IReadOnlyList<string> refusals = [];
        if (merge.Collisions.Count == 0)
        {
            var saved = await changes.EditAsync(Actor.Of(User), merged, current.Version, cancellationToken);
            if (saved.Outcome == ChangeOutcome.Done)
                return RedirectToMilestone($"Saved {Id}, merged with what {who} saved meanwhile ({string.Join(", ", merge.TheirSections)}): both changes are kept.");
            if (saved.Outcome == ChangeOutcome.Forbidden)
                return Forbid();
            refusals = saved.Refusals;
        }
        // The form shows the merge: ModelState's posted values would show instead of it.
        ModelState.Clear();
        Milestone = merged;
        Milestone.Version = current.Version;
        StartedFrom = theirs;
        Collisions = merge.Collisions;
        ModelState.AddModelError("", merge.Collisions.Count == 0
            ? $"Meanwhile, {who} saved this milestone, and the merge of both changes could not be saved. Both are in the form: check it and save again."
            : $"Meanwhile, {who} saved this milestone. Where the two changed different lines, both changes are in the form; where they changed the same lines (below), the form keeps yours. Choose, then save.");
        // A merge the gates refused says why beside the Status field.
        return Refuse(refusals);
    }

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
        ModelState.AddModelError("", "Not saved: someone else saved this milestone while you were editing it, and the two could not be merged. Their changes are shown below and your input is still in the form: bring in what of theirs should stay, then save.");
        Milestone.Version = current.Version;
        StartedFrom = now;
        // The hidden fields show the stored version now, not the posted one.
        ModelState.Remove($"{nameof(Milestone)}.{nameof(Milestone.Version)}");
        ModelState.Remove(nameof(StartedFrom));
    }
}
