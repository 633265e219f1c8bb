using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChainForge.Milestones.Pages.Admin;

[Authorize(Policy = Roles.Admin)]
public sealed class SettingsModel(MilestonesDbContext db, AccountChanges accounts) : PageModel
{
    [BindProperty]
    public bool AllowSelfReview { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        AllowSelfReview = (await TeamSettingsStore.GetAsync(db, cancellationToken)).AllowSelfReview;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await accounts.SaveTeamSettingsAsync(Actor.Of(User), AllowSelfReview, cancellationToken);
        OneTimeMessage.Done(TempData, "Saved.");
        return RedirectToPage();
    }
}
