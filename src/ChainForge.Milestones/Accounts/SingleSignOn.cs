using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace ChainForge.Milestones.Accounts;

/// <summary>
/// Optional sign-in with the company's identity provider (OpenID Connect, authorization code with
/// PKCE), configured by <c>Authentication:OpenIdConnect</c>. An account is linked to the provider's
/// subject (<c>sub</c>), never to a local account of the same name; its roles come from a
/// configured claim (<see cref="SingleSignOnSettings.RoleClaim"/> and its mapping) at each sign-in,
/// or, without one, are assigned by administrators.
/// </summary>
public static class SingleSignOn
{
    public const string Section = "Authentication:OpenIdConnect";
    public const string Scheme = "oidc";
    public const string CallbackPath = "/signin-oidc";

    public static IServiceCollection AddSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = configuration.GetSection(Section).Get<SingleSignOnSettings>() ?? new SingleSignOnSettings();
        services.AddSingleton(settings);
        if (!settings.IsEnabled)
            return services;
        services.AddAuthentication().AddOpenIdConnect(Scheme, settings.DisplayName, options =>
        {
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            options.ResponseType = "code";
            options.UsePkce = true;
            // A redirect back (not a cross-site form post), so that the correlation and nonce
            // cookies can be SameSite=Lax, and Secure exactly when the app is reached over HTTPS.
            options.ResponseMode = "query";
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.CallbackPath = CallbackPath;
            options.SaveTokens = false;
            options.GetClaimsFromUserInfoEndpoint = false;
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.Scope.Add("profile");
            foreach (var scope in settings.Scopes)
                options.Scope.Add(scope);
        });
        return services;
    }
}

/// <summary>The <c>Authentication:OpenIdConnect</c> section.</summary>
public sealed class SingleSignOnSettings
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>The provider's name on the sign-in button: "Sign in with …".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>Only for a provider on plain HTTP in a test: discovery must come over HTTPS otherwise.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>More scopes to ask for, e.g. the one that puts groups in the ID token.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>The claim whose values give the roles (e.g. <c>groups</c>); none: administrators assign roles.</summary>
    public string? RoleClaim { get; set; }

    /// <summary>For each role (Author, Reviewer, Admin), the value of <see cref="RoleClaim"/> that gives it.</summary>
    public Dictionary<string, string> RoleMapping { get; set; } = [];

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>The provider's origin, which sign-in forms may be redirected to (the CSP's form-action).</summary>
    public string? Origin => IsEnabled && Uri.TryCreate(Authority, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;

    /// <summary>The roles the claims give, or null when roles are not the provider's to give.</summary>
    public IReadOnlyCollection<string>? RolesFrom(IEnumerable<System.Security.Claims.Claim> claims)
    {
        if (string.IsNullOrWhiteSpace(RoleClaim))
            return null;
        var values = claims.Where(c => c.Type == RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return [.. Roles.All.Where(role => RoleMapping.TryGetValue(role, out var value) && values.Contains(value))];
    }
}
