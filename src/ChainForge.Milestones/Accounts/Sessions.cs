using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using ChainForge.Milestones.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Accounts;

/// <summary>
/// Every request's sign-in cookie is checked against its account: a changed security stamp (a role
/// change, a new password, a sign-out anywhere) or a session past its absolute lifetime ends it on
/// that request. Cheap: the account's stamp is read again only when the data version has moved on
/// (triggers move it with every change of an account, from any process), or when the cookie's
/// stamp disagrees with the one kept.
/// </summary>
public sealed class Sessions(IConfiguration configuration, Microsoft.Extensions.Options.IOptions<IdentityOptions> identity)
{
    public const string AbsoluteLifetimeSetting = "Sessions:AbsoluteLifetimeHours";
    public const string IdleLifetimeSetting = "Sessions:IdleLifetimeHours";
    private const string SignedInAt = "signed-in-at";

    private readonly ConcurrentDictionary<string, (long Version, string? Stamp)> _stamps = new();
    private readonly TimeSpan _absoluteLifetime = TimeSpan.FromHours(configuration.GetValue(AbsoluteLifetimeSetting, 12.0));
    private readonly string _stampType = identity.Value.ClaimsIdentity.SecurityStampClaimType;

    /// <summary>Called as the cookie is first issued: when the person signed in, which renewals keep.</summary>
    public static Task SigningInAsync(CookieSigningInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Properties.Items.ContainsKey(SignedInAt))
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            context.Properties.Items[SignedInAt] = now.ToString("O", CultureInfo.InvariantCulture);
        }
        return Task.CompletedTask;
    }

    public async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var signedIn = context.Properties.Items.TryGetValue(SignedInAt, out var at) && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time : DateTimeOffset.MinValue;
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.Principal?.FindFirstValue(_stampType);
        if (now - signedIn > _absoluteLifetime || userId is null || stamp is null || stamp != await CurrentStampAsync(context.HttpContext, userId, stamp))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    private async Task<string?> CurrentStampAsync(HttpContext context, string userId, string presented)
    {
        var cancellationToken = context.RequestAborted;
        var version = await DataVersion.ForRequestAsync(context, cancellationToken);
        // A kept stamp that disagrees is checked with the database before the session ends: on
        // PostgreSQL this instance may not have heard yet of a sign-in made on another (a new stamp).
        if (_stamps.TryGetValue(userId, out var known) && known.Version == version && known.Stamp == presented)
            return known.Stamp;
        var db = context.RequestServices.GetRequiredService<MilestonesDbContext>();
        var stamp = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync(cancellationToken);
        _stamps[userId] = (version, stamp);
        return stamp;
    }
}
