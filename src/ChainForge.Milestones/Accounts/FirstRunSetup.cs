using ChainForge.Milestones.Data;

namespace ChainForge.Milestones.Accounts;

/// <summary>
/// While no account exists every request is sent to the setup page, which asks for the first
/// administrator: there is no default password anywhere.
/// </summary>
public sealed class FirstRunSetup(RequestDelegate next)
{
    public const string Path = "/setup";

    // Once an account exists it always will: stop asking the database.
    private volatile bool _hasAccounts;

    public async Task InvokeAsync(HttpContext context, MilestonesDbContext db)
    {
        if (!_hasAccounts && !context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase))
        {
            _hasAccounts = await Accounts.AnyAsync(db, context.RequestAborted);
            if (!_hasAccounts)
            {
                context.Response.Redirect(Path);
                return;
            }
        }
        await next(context);
    }
}
