using ChainForge.Milestones.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChainForge.Milestones.Pages.Account;

/// <summary>
/// Sign-in through the identity provider: the sign-in page's button posts here and is sent to the
/// provider; the provider sends the person back (to <see cref="SingleSignOn.CallbackPath"/>, then
/// here), where the account linked to their subject is found or made, and signed in.
/// </summary>
[AllowAnonymous]
public sealed class SingleSignOnModel(SignInManager<IdentityUser> signIn, AccountChanges accounts, SingleSignOnSettings settings) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    private string Destination => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    public IActionResult OnPost()
    {
        if (!settings.IsEnabled)
            return NotFound();
        var back = Url.Page("/Account/SingleSignOn", "Back", new { ReturnUrl = Destination });
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(SingleSignOn.Scheme, back), SingleSignOn.Scheme);
    }

    public async Task<IActionResult> OnGetBackAsync(CancellationToken cancellationToken)
    {
        if (!settings.IsEnabled)
            return NotFound();
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            Problem = "The identity provider did not say who you are (the sign-in may have taken too long, or been cancelled). Try again.";
            return Page();
        }
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var claims = info.Principal.Claims.ToList();
        var suggested = claims.FirstOrDefault(c => c.Type == "preferred_username")?.Value
            ?? info.Principal.Identity?.Name
            ?? claims.FirstOrDefault(c => c.Type is "email" or System.Security.Claims.ClaimTypes.Email)?.Value
            ?? "";
        var (user, refusal) = await accounts.SignInFromProviderAsync(info.LoginProvider, info.ProviderKey, suggested, settings.RolesFrom(claims), cancellationToken);
        if (user is null)
        {
            Problem = refusal;
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false, info.LoginProvider);
        return LocalRedirect(Destination);
    }
}
