using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Milestones;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChainForge.Milestones.Pages.Milestones;

/// <summary>The milestone page's Request review button: REVIEW through the gate, or what is missing.</summary>
[Authorize(Policy = Roles.Author)]
public sealed class RequestReviewModel(MilestoneChanges changes) : PageModel
{
    [BindProperty]
    public Guid Version { get; set; }

    public IActionResult OnGet(string id) => LocalRedirect($"/milestones/{Uri.EscapeDataString(id)}");

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        var result = await changes.RequestReviewAsync(Actor.Of(User), id, Version, cancellationToken);
        switch (result.Outcome)
        {
            case ChangeOutcome.NotFound:
                return NotFound();
            case ChangeOutcome.Forbidden:
                return Forbid();
        }
        if (result.Outcome == ChangeOutcome.Done)
            OneTimeMessage.Done(TempData, $"{id} is in review: reviewers see it in their queue.");
        else if (result.Outcome == ChangeOutcome.Stale)
            OneTimeMessage.NotDone(TempData, $"Not sent for review: {await changes.LastSavedByAsync(Actor.Of(User), id, cancellationToken)} saved {id} since you opened it. Look at it again, then ask.");
        else
            OneTimeMessage.NotDone(TempData, $"Not sent for review. {string.Join(" ", result.Refusals)}");
        return LocalRedirect($"/milestones/{Uri.EscapeDataString(id)}");
    }
}
