using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChainForge.Milestones.Pages.Account;

[AllowAnonymous]
public sealed class LogoutModel(SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users, ChainForge.Milestones.Accounts.AccountChanges accounts) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        // Not only this browser's cookie: a copy of it stops working too.
        if (await users.GetUserAsync(User) is { } user)
            await accounts.EndSessionsAsync(user);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
