using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Account;

/// <summary>A person's personal access tokens for the HTTP API: made here (the secret shown once), listed, revoked.</summary>
public sealed class TokensModel(MilestonesDbContext db, AccountChanges accounts, TimeProvider clock) : PageModel
{
    /// <summary>The lifetimes offered, in days.</summary>
    public static readonly IReadOnlyList<int> Lifetimes = [7, 30, 90, 365];

    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public int Days { get; set; } = 30;

    [BindProperty]
    public bool Write { get; set; }

    [BindProperty]
    public bool Review { get; set; }

    /// <summary>The token just made: shown this once, stored nowhere.</summary>
    public string? Secret { get; private set; }

    public string? Refusal { get; private set; }

    public List<AccessToken> Tokens { get; private set; } = [];

    public DateTimeOffset Now => clock.GetUtcNow();

    public bool CanWrite => User.IsInRole(Roles.Author);

    public bool CanReview => User.IsInRole(Roles.Reviewer);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var scopes = TokenScopes.Read | (Write ? TokenScopes.Write : 0) | (Review ? TokenScopes.Review : 0);
        var days = Lifetimes.Contains(Days) ? Days : 30;
        (Secret, Refusal) = await accounts.CreateTokenAsync(Actor.Of(User), User.Identity!.Name!, Name, scopes, TimeSpan.FromDays(days), cancellationToken);
        if (Secret is not null)
            (Name, Write, Review) = ("", false, false);
        // The secret is in this answer only: no browser or proxy may keep it.
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long token, CancellationToken cancellationToken)
    {
        if (await accounts.RevokeTokenAsync(Actor.Of(User), token, cancellationToken))
            OneTimeMessage.Done(TempData, "Revoked the token: it no longer opens the API.");
        else
            OneTimeMessage.NotDone(TempData, "That token was revoked already, or is not one of yours.");
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var name = User.Identity!.Name!;
        Tokens = await db.AccessTokens.AsNoTracking().Where(t => t.UserName == name).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
    }
}
