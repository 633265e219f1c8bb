using System.Security.Claims;
using System.Text.Encodings.Web;
using ChainForge.Milestones.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChainForge.Milestones.Accounts;

/// <summary>
/// Signs in an API request by its personal access token (<c>Authorization: Bearer cfm_…</c>): as
/// the token's person, with the roles they hold that its scopes allow (<see cref="AccessToken.RolesAllowed"/>).
/// Only the API asks for this scheme, and the API asks for no other: cookies do not authenticate
/// the API, and tokens do not sign in to the pages.
/// </summary>
public sealed class AccessTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, MilestonesDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessToken";
    public const string ScopeClaim = "scope";

    /// <summary>A token's last use is written at most this often, not at every request.</summary>
    private static readonly TimeSpan LastUseGranularity = TimeSpan.FromMinutes(1);

    public const string Refused = "The token is unknown, revoked or expired.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(AccessToken.Prefix, StringComparison.Ordinal) || secret.Length > 100)
            return AuthenticateResult.Fail(Refused);
        var hash = AccessToken.HashOf(secret);
        var now = clock.GetUtcNow();
        var token = await db.AccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        if (token is null || !token.IsActive(now))
            return AuthenticateResult.Fail(Refused);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == token.UserName, Context.RequestAborted);
        // Not the sign-in lockout: anyone who knows a name could lock out its tools with wrong passwords.
        if (user is null)
            return AuthenticateResult.Fail(Refused);
        var held = await db.UserRoles.Where(r => r.UserId == user.Id)
            .Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name!).ToListAsync(Context.RequestAborted);
        if (token.LastUsedAt is not { } last || now - last > LastUseGranularity)
            await db.AccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.UserName!),
            .. AccessToken.RolesAllowed(token.Scopes, held).Select(role => new Claim(ClaimTypes.Role, role)),
            .. Enum.GetValues<TokenScopes>().Where(s => s != TokenScopes.None && token.Scopes.HasFlag(s)).Select(s => new Claim(ScopeClaim, s.ToString().ToLowerInvariant())),
        ];
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in with a token",
            detail: failure ?? "Send a personal access token as Authorization: Bearer cfm_…; make one on your account's Tokens page.")
            .ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
            detail: "This token's scopes, or its person's roles, do not allow this: writing needs the write scope and the Author role, reviewing the review scope and the Reviewer role.")
            .ExecuteAsync(Context);
}
