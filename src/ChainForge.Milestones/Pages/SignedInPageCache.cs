using System.Security.Claims;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Hosting;
using ChainForge.Milestones.Milestones.Tracking;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace ChainForge.Milestones.Pages;

/// <summary>
/// Keeps the reading pages (the list, a milestone, the portfolio and its risk lists, the
/// dependency graph) rendered for a signed-in person until anything they show changes. A cached page is the page that person would get
/// now: the key holds who they are and their roles (the navbar, the actions offered), today's
/// date (overdue checkpoints), the <see cref="DataVersion"/> that every write moves on, and the
/// browser's antiforgery cookie, because the navbar's sign-out form carries a token made for it.
/// </summary>
/// <param name="sizeLimitInMegabytes">How much memory kept pages may take; 0 keeps none.</param>
public sealed class SignedInPageCache(int sizeLimitInMegabytes) : IOutputCachePolicy
{
    public const string PolicyName = "SignedInPages";

    /// <summary>The setting that sizes the cache, in megabytes.</summary>
    public const string SizeLimitSetting = "PageCache:SizeLimitMegabytes";

    /// <summary>A page of a typical milestone is about 23 KB: room for every page of 10,000 milestones.</summary>
    public const int DefaultSizeLimitInMegabytes = 256;

    public long SizeLimitInBytes => Math.Max(1, sizeLimitInMegabytes) * 1024L * 1024;

    // The data version bounds staleness; this only lets pages nobody asks for go.
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var cookies = http.Request.Cookies;
        var antiforgeryCookie = services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name!;
        var messageCookie = services.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value.Cookie.Name!;
        // Without an antiforgery cookie the page sets one; with a message waiting (TempData) it
        // shows it once and clears it. Neither response may be kept or replaced by a kept one.
        if (sizeLimitInMegabytes <= 0
            || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            || http.User.Identity?.IsAuthenticated != true
            || cookies[antiforgeryCookie] is not { Length: > 0 } antiforgery
            || cookies.ContainsKey(messageCookie))
        {
            return;
        }

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Lifetime;
        context.CacheVaryByRules.QueryKeys = "*";
        var key = context.CacheVaryByRules.VaryByValues;
        key["user"] = http.User.FindFirstValue(ClaimTypes.NameIdentifier) + "\n" + http.User.Identity.Name;
        key["roles"] = string.Join(',', http.User.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal));
        key["antiforgery"] = antiforgery;
        key["today"] = TrackingQueries.Today(services.GetRequiredService<TimeProvider>()).ToString("O");
        key["data"] = (await DataVersion.ForRequestAsync(http, cancellation)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        context.HttpContext.RequestServices.GetRequiredService<MilestonesMetrics>().PageCacheHit();
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        context.HttpContext.RequestServices.GetRequiredService<MilestonesMetrics>().PageCacheMiss();
        // Anything set (a renewed sign-in cookie), an error or a redirect is for this response only.
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}
