using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace ChainForge.Milestones.Pages;

/// <summary>
/// The message a page shows once after the redirect that follows a change ("Saved.", "Imported 3
/// milestones"), kept in TempData's cookie across that redirect.
/// </summary>
public static class OneTimeMessage
{
    public const string Key = "Message";

    /// <summary>
    /// The waiting message, or null. TempData is only read when the request brings its cookie:
    /// once read, TempData deletes its cookie on the response even when there was none, which put
    /// a needless Set-Cookie on every page and kept pages from being cached (SignedInPageCache).
    /// Every message is set before a redirect, so a request without the cookie has none.
    /// </summary>
    public static string? Take(HttpContext http, ITempDataDictionary tempData)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tempData);
        var cookie = http.RequestServices.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value.Cookie.Name!;
        return http.Request.Cookies.ContainsKey(cookie) ? tempData[Key] as string : null;
    }
}
