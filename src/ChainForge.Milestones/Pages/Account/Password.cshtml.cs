using System.ComponentModel.DataAnnotations;
using ChainForge.Milestones.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChainForge.Milestones.Pages.Account;

/// <summary>A person chooses their own password; one an administrator set must be replaced here first.</summary>
public sealed class PasswordModel(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, AccountChanges accounts) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Choose a new password.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string New { get; set; } = "";

        [Required(ErrorMessage = "Type the new password again.")]
        [DataType(DataType.Password)]
        [Compare(nameof(New), ErrorMessage = "The two passwords differ.")]
        [Display(Name = "New password again")]
        public string Confirm { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Someone else set the current password: the person must choose their own before anything else.</summary>
    public bool Required => User.HasClaim(c => c.Type == AccountChanges.MustChangePassword);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return Page();
        if (await users.GetUserAsync(User) is not { } user)
            return Challenge();
        var errors = await accounts.ChangeOwnPasswordAsync(Actor.Of(User), user, Input.Current, Input.New, cancellationToken);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
                ModelState.AddModelError(error.StartsWith("That is not your current", StringComparison.Ordinal) ? "Input.Current" : "Input.New", error);
            return Page();
        }
        // The stamp changed with the password (other sessions end): this one gets a new cookie.
        await signIn.RefreshSignInAsync(user);
        OneTimeMessage.Done(TempData, "Your new password is set. Other sessions of yours have ended.");
        return LocalRedirect("/");
    }
}
