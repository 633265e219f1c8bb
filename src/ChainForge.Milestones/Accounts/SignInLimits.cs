using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace ChainForge.Milestones.Accounts;

/// <summary>
/// Against guessing passwords: each account locks for 5 minutes after 5 failures (Identity's
/// lockout), and each client address may try to sign in at most <see cref="AttemptsPerMinute"/>
/// times a minute (<c>SignIn:AttemptsPerMinute</c>), whichever accounts it tries.
/// </summary>
public static class SignInLimits
{
    private const string Path = "/account/login";
    public const string AttemptsPerMinuteSetting = "SignIn:AttemptsPerMinute";
    public const int AttemptsPerMinute = 10;

    public const string Failed = "The user name or password is not right, or the account is locked for a few minutes after too many tries.";

    /// <summary>A hash of a password nobody has, verified when the name is unknown so that the work is the same.</summary>
    public static readonly string UnknownUserHash = new PasswordHasher<IdentityUser>().HashPassword(new IdentityUser(), Guid.NewGuid().ToString());

    public static IServiceCollection AddSignInLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var attempts = configuration.GetValue(AttemptsPerMinuteSetting, AttemptsPerMinute);
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                if (context.HttpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                {
                    await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                        detail: "This token made more requests this minute than the server allows (Api:RequestsPerMinute). Wait a minute, then go on.").ExecuteAsync(context.HttpContext);
                    return;
                }
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Too many sign-in attempts from this address. Wait a minute, then try again.", cancellationToken);
            };
            // Only the sign-in form's posts, partitioned by the client's address (the proxy's
            // forwarded one, where the proxy is known).
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && string.Equals(context.Request.Path.Value?.TrimEnd('/'), Path, StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = attempts,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
        });
        return services;
    }
}
