using System.ComponentModel.DataAnnotations;
using ChainForge.Milestones.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Admin;

[Authorize(Policy = Roles.Admin)]
public sealed class UsersModel(UserManager<IdentityUser> users, AccountChanges accounts) : PageModel
{
    public sealed record Row(string UserName, IList<string> Roles, bool LockedOut);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Choose a user name.")]
        [StringLength(64, ErrorMessage = "A user name may be at most 64 characters.")]
        [Display(Name = "User name")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Choose a first password; they can be given a new one later.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        public List<string> Roles { get; set; } = [Accounts.Roles.Author];
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var roles = Input.Roles.Intersect(Accounts.Roles.All).ToList();
        if (ModelState.IsValid)
        {
            foreach (var error in await accounts.CreateAsync(Actor.Of(User), Input.UserName, Input.Password, roles, cancellationToken: cancellationToken))
                ModelState.AddModelError(error.Contains("password", StringComparison.OrdinalIgnoreCase) ? "Input.Password" : "Input.UserName", error);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        OneTimeMessage.Done(TempData, $"Created {Input.UserName.Trim()}.");
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var all = await users.Users.OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        Rows = [];
        foreach (var user in all)
            Rows.Add(new Row(user.UserName!, await users.GetRolesAsync(user), await users.IsLockedOutAsync(user)));
    }
}
