using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Milestones;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChainForge.Milestones.Pages.Milestones;

/// <summary>
/// A box ticked or cleared on the milestone page (milestone-ticks.js), answered in JSON for the
/// script: the new version, or why not. The page itself then shows what is stored.
/// </summary>
[Authorize(Policy = Roles.Author)]
public sealed class TickModel(MilestoneChanges changes) : PageModel
{
    [BindProperty]
    public string Box { get; set; } = "";

    [BindProperty]
    public bool Ticked { get; set; }

    [BindProperty]
    public Guid Version { get; set; }

    public IActionResult OnGet(string id) => LocalRedirect($"/milestones/{Uri.EscapeDataString(id)}");

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        var result = await changes.TickAsync(Actor.Of(User), id, Box, Ticked, Version, cancellationToken);
        return result.Outcome switch
        {
            ChangeOutcome.Done => new JsonResult(new { message = "" }),
            ChangeOutcome.Forbidden => Forbid(),
            ChangeOutcome.NotFound => Answer(StatusCodes.Status404NotFound, $"Not saved: {id} has no such item any more. The page now shows what is saved."),
            ChangeOutcome.Stale => Answer(StatusCodes.Status409Conflict,
                $"Not saved: {await changes.LastSavedByAsync(Actor.Of(User), id, cancellationToken)} saved {id} since you opened it. The page now shows what is saved: tick again if you still mean it."),
            _ => Answer(StatusCodes.Status422UnprocessableEntity, $"Not saved. {string.Join(" ", result.Refusals)}"),
        };
    }

    private static JsonResult Answer(int status, string message) => new(new { message }) { StatusCode = status };
}
