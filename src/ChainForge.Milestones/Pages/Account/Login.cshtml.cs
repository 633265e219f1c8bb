using System.ComponentModel.DataAnnotations;
using ChainForge.Milestones.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChainForge.Milestones.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your user name.")]
        [Display(Name = "User name")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Display(Name = "Keep me signed in")]
        public bool RememberMe { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    // Someone already signed in has nothing to do here: send them on where they were going.
    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();
        var user = await users.FindByNameAsync(Input.UserName.Trim());
        if (user is null)
        {
            // The same work as for a real account, so that the time taken does not tell which names exist.
            users.PasswordHasher.VerifyHashedPassword(new IdentityUser(), SignInLimits.UnknownUserHash, Input.Password);
        }
        else if ((await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true)).Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        // One message for every failure: it does not say whether the name exists or is locked out.
        ModelState.AddModelError("", SignInLimits.Failed);
        return Page();
    }
}
