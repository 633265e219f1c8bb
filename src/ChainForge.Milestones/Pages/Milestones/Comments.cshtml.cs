using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Milestones;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChainForge.Milestones.Pages.Milestones;

/// <summary>An author resolves a reviewer's comment from the milestone page.</summary>
[Authorize(Policy = Roles.Author)]
public sealed class CommentsModel(MilestoneChanges changes) : PageModel
{
    public IActionResult OnGet(string id) => LocalRedirect($"/milestones/{Uri.EscapeDataString(id)}#comments");

    public async Task<IActionResult> OnPostResolveAsync(string id, long commentId, CancellationToken cancellationToken)
    {
        var result = await changes.ResolveCommentAsync(Actor.Of(User), id, commentId, cancellationToken);
        if (result.Outcome == ChangeOutcome.Forbidden)
            return Forbid();
        if (result.Succeeded)
            OneTimeMessage.Done(TempData, "Comment resolved.");
        else
            OneTimeMessage.NotDone(TempData, "That comment is resolved already, or gone.");
        return LocalRedirect($"/milestones/{Uri.EscapeDataString(id)}");
    }
}
