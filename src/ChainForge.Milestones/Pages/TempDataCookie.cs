using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace ChainForge.Milestones.Pages;

/// <summary>
/// TempData in its cookie, as the framework keeps it (<see cref="CookieTempDataProvider"/>), except
/// that a response to a request without the cookie does not delete it. The framework deletes it
/// whenever a page has read TempData and left it empty: every page (the layout reads the one-time
/// message, <see cref="OneTimeMessage"/>) answered with a Set-Cookie for a cookie the browser never
/// had, and such an answer may not be kept by the page cache (<see cref="SignedInPageCache"/>).
/// </summary>
public sealed class TempDataCookie(CookieTempDataProvider cookie, IOptions<CookieTempDataProviderOptions> options) : ITempDataProvider
{
    private readonly string _name = options.Value.Cookie.Name!;

    public IDictionary<string, object> LoadTempData(HttpContext context) => cookie.LoadTempData(context);

    public void SaveTempData(HttpContext context, IDictionary<string, object> values)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (values is not { Count: > 0 } && !context.Request.Cookies.ContainsKey(_name))
            return;
        cookie.SaveTempData(context, values);
    }
}
