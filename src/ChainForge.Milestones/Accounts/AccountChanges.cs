using ChainForge.Milestones.Audit;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.AspNetCore.Identity;

namespace ChainForge.Milestones.Accounts;

/// <summary>
/// Changes of accounts, roles and team settings, each recorded in the audit log in the same
/// transaction as the change: the pages and the command line ask here, never Identity directly.
/// </summary>
public sealed class AccountChanges(UserManager<IdentityUser> users, MilestonesDbContext db, TimeProvider clock)
{
    /// <summary>
    /// The claim of an account whose password someone else set (an administrator, the command
    /// line): until its owner chooses their own, every page sends them to choose it.
    /// </summary>
    public const string MustChangePassword = "must-change-password";

    /// <summary>
    /// Creates an account, or says why not (Identity's own messages). Its owner must choose their
    /// own password at first sign-in, unless <paramref name="keepPassword"/> (an account for a script).
    /// </summary>
    public async Task<IReadOnlyList<string>> CreateAsync(Actor actor, string userName, string password, IReadOnlyCollection<string> roles, bool keepPassword = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var errors = await Accounts.CreateAsync(users, userName, password, roles);
        if (errors.Count > 0)
            return errors;
        var name = userName.Trim();
        if (!keepPassword)
            await users.AddClaimAsync((await users.FindByNameAsync(name))!, new System.Security.Claims.Claim(MustChangePassword, "true"));
        // The first administrator creates themself.
        AuditLog.Add(db, actor.Name.Length > 0 ? actor : actor with { Name = name }, AuditAction.AccountCreated, clock.GetUtcNow(), $"roles: {Describe(roles)}", account: name);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    /// <summary>
    /// The first administrator of a fresh instance, who must give the setup code from the server's
    /// log. The check that no account exists and the creation are one transaction: of two people
    /// posting at once, one becomes the administrator and the other is told the instance is taken.
    /// </summary>
    public async Task<IReadOnlyList<string>> CreateFirstAdministratorAsync(string setupCode, string userName, string password, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setupCode);
        ArgumentNullException.ThrowIfNull(roles);
        // SQLite's BEGIN IMMEDIATE: a second setup waits here until the first is done.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await Accounts.AnyAsync(db, cancellationToken))
            return [AlreadySetUp];
        var settings = await TeamSettingsStore.GetAsync(db, cancellationToken);
        if (!FirstRunSetup.Matches(settings.SetupCode, setupCode))
            return [WrongCode];
        var errors = await Accounts.CreateAsync(users, userName, password, [.. roles.Append(Roles.Admin).Distinct()]);
        if (errors.Count > 0)
            return errors;
        settings.SetupCode = null;
        var name = userName.Trim();
        AuditLog.Add(db, new Actor(name, new HashSet<string>([Roles.Admin]), Channel.Web), AuditAction.AccountCreated, clock.GetUtcNow(), $"first administrator, roles: {Describe(roles.Append(Roles.Admin).Distinct())}", account: name);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    public const string AlreadySetUp = "This instance already has an administrator: sign in instead.";
    public const string WrongCode = "That is not this server's setup code: it is in the server's log at start, or printed by `setup-code` on the server.";

    /// <summary>
    /// The account linked to the identity provider's subject, created at its first sign-in: named
    /// after the name the provider suggests (a suffix when a different account has that name: a
    /// provider's user never takes over a local account), with no password. When the provider
    /// gives roles (<paramref name="roles"/> not null) the account gets exactly those, audited.
    /// </summary>
    public async Task<(IdentityUser? User, string? Refusal)> SignInFromProviderAsync(string provider, string subject, string suggestedName, IReadOnlyCollection<string>? roles, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await users.FindByLoginAsync(provider, subject);
        var now = clock.GetUtcNow();
        if (user is null)
        {
            var name = await FreeNameAsync(suggestedName, subject);
            user = new IdentityUser(name);
            if (await users.CreateAsync(user) is { Succeeded: false } created)
                return (null, string.Join(" ", created.Errors.Select(e => e.Description)));
            if (await users.AddLoginAsync(user, new UserLoginInfo(provider, subject, provider)) is { Succeeded: false } linked)
                return (null, string.Join(" ", linked.Errors.Select(e => e.Description)));
            AuditLog.Add(db, new Actor(name, new HashSet<string>(), Channel.Web), AuditAction.AccountCreated, now,
                $"first sign-in through {provider}, linked to its subject {Shorten(subject)}", account: name);
        }
        if (roles is not null)
        {
            if (!(await users.GetRolesAsync(user)).ToHashSet().SetEquals(roles)
                && await ChangeRolesAsync(new Actor(user.UserName!, new HashSet<string>(roles), Channel.Web), user, roles, $"roles from {provider}",
                    "Your identity provider no longer gives you the Admin role, and you are this app's last administrator: ask another administrator first.") is { } refused)
            {
                return (null, refused);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (user, null);
    }

    // Identity's allowed characters only; "-2", "-3"… after a name some other account has.
    private async Task<string> FreeNameAsync(string suggested, string subject)
    {
        var allowed = users.Options.User.AllowedUserNameCharacters;
        var name = new string([.. suggested.Trim().Where(allowed.Contains)]);
        if (name.Length == 0)
            name = $"user-{Shorten(subject)}";
        name = name.Length > 200 ? name[..200] : name;
        var candidate = name;
        for (var n = 2; await users.FindByNameAsync(candidate) is not null; n++)
            candidate = $"{name}-{n}";
        return candidate;
    }

    private static string Shorten(string subject) => subject.Length <= 12 ? subject : subject[..12] + "…";

    /// <summary>Sets a new password and lifts any lockout.</summary>
    public async Task<IReadOnlyList<string>> ResetPasswordAsync(Actor actor, IdentityUser user, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var errors = await Accounts.ResetPasswordAsync(users, user, password);
        if (errors.Count > 0)
            return errors;
        if (!(await users.GetClaimsAsync(user)).Any(c => c.Type == MustChangePassword))
            await users.AddClaimAsync(user, new System.Security.Claims.Claim(MustChangePassword, "true"));
        AuditLog.Add(db, actor, AuditAction.PasswordReset, clock.GetUtcNow(), "new password set, lockout lifted", account: user.UserName);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    /// <summary>
    /// Gives the account exactly <paramref name="wanted"/>; refuses (and changes nothing) when that
    /// would leave no administrator. The check and the change are one transaction.
    /// </summary>
    public async Task<string?> SetRolesAsync(Actor actor, IdentityUser user, IReadOnlyCollection<string> wanted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(wanted);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await ChangeRolesAsync(actor, user, wanted, "roles", "This is the last administrator: give another account the Admin role first. The roles were not changed.") is { } refused)
            return refused;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    // Inside the caller's transaction: the last-administrator rule, the change, the stamp that ends
    // the account's sessions (signed in again, they carry the new roles) and the audit event.
    private async Task<string?> ChangeRolesAsync(Actor actor, IdentityUser user, IReadOnlyCollection<string> wanted, string what, string lastAdministrator)
    {
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && !wanted.Contains(Roles.Admin) && (await users.GetUsersInRoleAsync(Roles.Admin)).Count == 1)
            return lastAdministrator;
        foreach (var step in new Func<Task<IdentityResult>>[]
        {
            () => users.RemoveFromRolesAsync(user, current.Except(wanted)),
            () => users.AddToRolesAsync(user, wanted.Except(current)),
            () => users.UpdateSecurityStampAsync(user),
        })
        {
            if (await step() is { Succeeded: false } failed)
                return $"The roles were not changed: {string.Join(" ", failed.Errors.Select(e => e.Description))} Look at the account again.";
        }
        AuditLog.Add(db, actor, AuditAction.RolesChanged, clock.GetUtcNow(), $"{what}: {Describe(current)} → {Describe(wanted)}", account: user.UserName);
        return null;
    }

    /// <summary>A person chooses their own password, giving their current one.</summary>
    public async Task<IReadOnlyList<string>> ChangeOwnPasswordAsync(Actor actor, IdentityUser user, string current, string chosen, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await users.ChangePasswordAsync(user, current, chosen);
        if (!changed.Succeeded)
            return [.. changed.Errors.Select(e => e.Description)];
        foreach (var claim in (await users.GetClaimsAsync(user)).Where(c => c.Type == MustChangePassword))
            await users.RemoveClaimAsync(user, claim);
        AuditLog.Add(db, actor, AuditAction.PasswordChanged, clock.GetUtcNow(), "chose a new password", account: user.UserName);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    /// <summary>Signs the person out everywhere: every copy of their sign-in cookie stops working.</summary>
    public async Task EndSessionsAsync(IdentityUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        await users.UpdateSecurityStampAsync(user);
    }

    public async Task SaveTeamSettingsAsync(Actor actor, bool allowSelfReview, CancellationToken cancellationToken = default)
    {
        var settings = await TeamSettingsStore.GetAsync(db, cancellationToken);
        if (settings.AllowSelfReview == allowSelfReview)
            return;
        settings.AllowSelfReview = allowSelfReview;
        AuditLog.Add(db, actor, AuditAction.TeamSettingsChanged, clock.GetUtcNow(), $"self-review {(allowSelfReview ? "allowed" : "not allowed")}");
        await TeamSettingsStore.SaveAsync(db, settings, cancellationToken);
    }

    /// <summary>
    /// A personal access token for <paramref name="userName"/>, made by them or by whoever runs the
    /// server's command line: the secret to show once, or why not. A token cannot be given a
    /// scope its person's roles would not use, and lives a year at most.
    /// </summary>
    public async Task<(string? Secret, string? Refusal)> CreateTokenAsync(Actor actor, string userName, string name, TokenScopes scopes, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Channel != Channel.CommandLine && !string.Equals(actor.Name, userName, StringComparison.Ordinal))
            return (null, "A person makes their own tokens.");
        name = (name ?? "").Trim();
        if (name.Length is 0 or > AccessToken.MaxNameLength)
            return (null, $"Name the token (at most {AccessToken.MaxNameLength} characters): what will use it, such as \"CI of the firmware repository\".");
        if (!scopes.HasFlag(TokenScopes.Read))
            return (null, "Every token reads: choose the read scope.");
        if (lifetime <= TimeSpan.Zero || lifetime > AccessToken.MaxLifetime)
            return (null, "A token expires within a year: choose a shorter lifetime.");
        if (await users.FindByNameAsync(userName) is not { } user)
            return (null, $"There is no account {userName}.");
        var held = await users.GetRolesAsync(user);
        if (scopes.HasFlag(TokenScopes.Write) && !held.Contains(Roles.Author))
            return (null, $"{user.UserName} is not an Author, so a token of theirs cannot write.");
        if (scopes.HasFlag(TokenScopes.Review) && !held.Contains(Roles.Reviewer))
            return (null, $"{user.UserName} is not a Reviewer, so a token of theirs cannot review.");
        var (secret, hash) = AccessToken.NewSecret();
        var now = clock.GetUtcNow();
        db.AccessTokens.Add(new AccessToken { UserName = user.UserName!, Name = name, Hash = hash, Scopes = scopes, CreatedAt = now, ExpiresAt = now + lifetime });
        AuditLog.Add(db, actor, AuditAction.TokenCreated, now, $"token \"{name}\" ({AccessToken.Describe(scopes)}), expires {(now + lifetime):yyyy-MM-dd}", account: user.UserName);
        await db.SaveChangesAsync(cancellationToken);
        return (secret, null);
    }

    /// <summary>Revokes a token: by its person, or by an administrator. False when there is no such active token they may revoke.</summary>
    public async Task<bool> RevokeTokenAsync(Actor actor, long tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var token = await db.AccessTokens.FindAsync([tokenId], cancellationToken);
        if (token is null || token.RevokedAt is not null || (token.UserName != actor.Name && !actor.Holds(Roles.Admin)))
            return false;
        var now = clock.GetUtcNow();
        (token.RevokedAt, token.RevokedBy) = (now, actor.Name);
        AuditLog.Add(db, actor, AuditAction.TokenRevoked, now, $"token \"{token.Name}\"", account: token.UserName);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static string Describe(IEnumerable<string> roles) => roles.Any() ? string.Join(", ", roles.Order()) : "none";
}
