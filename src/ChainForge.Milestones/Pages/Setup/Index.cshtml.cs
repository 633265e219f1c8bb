using System.ComponentModel.DataAnnotations;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChainForge.Milestones.Pages.Setup;

/// <summary>First run: while no account exists, the first administrator is created here.</summary>
[AllowAnonymous]
public sealed class IndexModel(MilestonesDbContext db, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, AccountChanges accounts) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Give the setup code from the server's log.")]
        [Display(Name = "Setup code")]
        public string SetupCode { get; set; } = "";

        [Required(ErrorMessage = "Choose a user name.")]
        [StringLength(64, ErrorMessage = "A user name may be at most 64 characters.")]
        [Display(Name = "User name")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Type the password again.")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
        [Display(Name = "Password again")]
        public string ConfirmPassword { get; set; } = "";

        [Display(Name = "Also an author (writes milestones)")]
        public bool Author { get; set; } = true;

        [Display(Name = "Also a reviewer (approves milestones)")]
        public bool Reviewer { get; set; } = true;
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await Accounts.Accounts.AnyAsync(db, cancellationToken) ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await Accounts.Accounts.AnyAsync(db, cancellationToken))
            return RedirectToPage("/Account/Login");
        // Every problem at once: a weak password is said beside a mistyped confirmation, not after it.
        if (Input.Password.Length > 0)
        {
            foreach (var validator in users.PasswordValidators)
            {
                var checkedPassword = await validator.ValidateAsync(users, new IdentityUser(Input.UserName.Trim()), Input.Password);
                foreach (var error in checkedPassword.Errors)
                    ModelState.AddModelError("Input.Password", error.Description);
            }
        }
        if (!ModelState.IsValid)
            return Page();
        List<string> roles = [Roles.Admin];
        if (Input.Author)
            roles.Add(Roles.Author);
        if (Input.Reviewer)
            roles.Add(Roles.Reviewer);
        var errors = await accounts.CreateFirstAdministratorAsync(Input.SetupCode, Input.UserName, Input.Password, roles, cancellationToken);
        if (errors is [AccountChanges.AlreadySetUp])
            return RedirectToPage("/Account/Login");
        if (errors.Count > 0)
        {
            foreach (var error in errors)
                ModelState.AddModelError(error == AccountChanges.WrongCode ? "Input.SetupCode" : "Input.Password", error);
            return Page();
        }
        await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: false);
        return RedirectToPage("/Index");
    }
}
