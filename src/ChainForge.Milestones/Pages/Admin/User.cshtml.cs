using System.ComponentModel.DataAnnotations;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Admin;

[Authorize(Policy = Roles.Admin)]
public sealed class UserModel(UserManager<IdentityUser> users, AccountChanges accounts, MilestonesDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Name { get; set; } = "";

    [BindProperty]
    public List<string> SelectedRoles { get; set; } = [];

    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string? NewPassword { get; set; }

    public bool LockedOut { get; private set; }

    /// <summary>The account's access tokens, which an administrator may revoke.</summary>
    public AccessTokenList Tokens { get; private set; } = new([], DateTimeOffset.MinValue);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.FindByNameAsync(Name) is not { } user)
            return NotFound();
        SelectedRoles = [.. await users.GetRolesAsync(user)];
        LockedOut = await users.IsLockedOutAsync(user);
        await LoadTokensAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long token, CancellationToken cancellationToken)
    {
        if (await users.FindByNameAsync(Name) is not { } user)
            return NotFound();
        var revoked = await db.AccessTokens.AnyAsync(t => t.Id == token && t.UserName == user.UserName, cancellationToken)
            && await accounts.RevokeTokenAsync(Actor.Of(User), token, cancellationToken);
        if (revoked)
            OneTimeMessage.Done(TempData, $"Revoked a token of {user.UserName}.");
        else
            OneTimeMessage.NotDone(TempData, "That token was revoked already.");
        return RedirectToPage(new { name = Name });
    }

    private async Task LoadTokensAsync(IdentityUser user) =>
        Tokens = new(await db.AccessTokens.AsNoTracking().Where(t => t.UserName == user.UserName).OrderByDescending(t => t.Id).ToListAsync(), clock.GetUtcNow());

    public async Task<IActionResult> OnPostRolesAsync()
    {
        if (await users.FindByNameAsync(Name) is not { } user)
            return NotFound();
        if (await accounts.SetRolesAsync(Actor.Of(User), user, [.. SelectedRoles.Intersect(Roles.All)]) is { } refused)
        {
            ModelState.AddModelError(nameof(SelectedRoles), refused);
            // Nothing was saved: the boxes show the stored roles, not the refused choice.
            SelectedRoles = [.. await users.GetRolesAsync(user)];
            LockedOut = await users.IsLockedOutAsync(user);
            await LoadTokensAsync(user);
            return Page();
        }
        OneTimeMessage.Done(TempData, $"Saved the roles of {user.UserName}.");
        return RedirectToPage(new { name = Name });
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        if (await users.FindByNameAsync(Name) is not { } user)
            return NotFound();
        // A reset also ends a lockout: the message says so only when there was one.
        var wasLockedOut = await users.IsLockedOutAsync(user);
        if (string.IsNullOrEmpty(NewPassword))
            ModelState.AddModelError(nameof(NewPassword), "Type the new password.");
        else
        {
            foreach (var error in await accounts.ResetPasswordAsync(Actor.Of(User), user, NewPassword))
                ModelState.AddModelError(nameof(NewPassword), error);
        }
        if (!ModelState.IsValid)
        {
            SelectedRoles = [.. await users.GetRolesAsync(user)];
            LockedOut = await users.IsLockedOutAsync(user);
            await LoadTokensAsync(user);
            return Page();
        }
        OneTimeMessage.Done(TempData, wasLockedOut ? $"{user.UserName} has a new password and is no longer locked out." : $"{user.UserName} has a new password.");
        return RedirectToPage(new { name = Name });
    }
}
