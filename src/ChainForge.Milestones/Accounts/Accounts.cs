using ChainForge.Milestones.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Accounts;

/// <summary>ASP.NET Core Identity on the milestones database, with the app's three roles.</summary>
public static class Accounts
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentity<IdentityUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = false;
                // StrongPasswords owns the rule (length, then guessability); no rules of composition (ASVS 2.1.9).
                options.Password.RequiredLength = 1;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddEntityFrameworkStores<MilestonesDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<StrongPasswords>()
            .AddErrorDescriber<AccountMessages>();
        services.AddScoped<AccountChanges>();
        services.AddSingleton<Sessions>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<Sessions, IConfiguration>((options, sessions, configuration) =>
            {
                options.LoginPath = "/account/login";
                options.LogoutPath = "/account/logout";
                options.AccessDeniedPath = "/account/access-denied";
                options.Cookie.Name = "milestones";
                options.Cookie.HttpOnly = true;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // Idle for longer than this, a person signs in again; Sessions ends any session
                // past its absolute lifetime (12 hours by default, as ASVS level 2 asks).
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(configuration.GetValue(Sessions.IdleLifetimeSetting, 8.0));
                options.Events.OnSigningIn = Sessions.SigningInAsync;
                options.Events.OnValidatePrincipal = sessions.ValidatePrincipalAsync;
            });
        // After the cookie handler's own post-configuration, which makes the format this wraps.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure(options => options.TicketDataFormat = new RememberedTickets(options.TicketDataFormat));
        services.AddAuthorizationBuilder()
            // Every page needs a signed-in person unless it says otherwise.
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Roles.Author, p => p.RequireRole(Roles.Author))
            .AddPolicy(Roles.Reviewer, p => p.RequireRole(Roles.Reviewer))
            .AddPolicy(Roles.Admin, p => p.RequireRole(Roles.Admin));
        return services;
    }

    /// <summary>Creates the three roles if the database lacks them.</summary>
    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
        }
    }

    public static Task<bool> AnyAsync(MilestonesDbContext db, CancellationToken cancellationToken = default) =>
        db.Users.AnyAsync(cancellationToken);

    /// <summary>Creates an account with a password and roles, or says why not (Identity's own messages).</summary>
    public static async Task<IReadOnlyList<string>> CreateAsync(UserManager<IdentityUser> users, string userName, string password, IEnumerable<string> roles)
    {
        var user = new IdentityUser(userName.Trim());
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            return [.. created.Errors.Select(e => e.Description)];
        var added = await users.AddToRolesAsync(user, roles.Distinct());
        return [.. added.Errors.Select(e => e.Description)];
    }

    /// <summary>Sets a new password and lifts any lockout: the way back in for someone locked out.</summary>
    public static async Task<IReadOnlyList<string>> ResetPasswordAsync(UserManager<IdentityUser> users, IdentityUser user, string password)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded)
            return [.. reset.Errors.Select(e => e.Description)];
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return [];
    }
}
