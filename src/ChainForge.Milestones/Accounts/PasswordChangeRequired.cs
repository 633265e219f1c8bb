namespace ChainForge.Milestones.Accounts;

/// <summary>
/// Someone whose password an administrator set goes to choose their own before any other page:
/// a password another person knew should not stay in use.
/// </summary>
public sealed class PasswordChangeRequired(RequestDelegate next)
{
    private static readonly string[] Allowed = ["/account/password", "/account/logout", "/account/login"];

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.HasClaim(c => c.Type == AccountChanges.MustChangePassword)
            && !Allowed.Any(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect("/account/password");
            return Task.CompletedTask;
        }
        return next(context);
    }
}
