namespace ChainForge.Milestones.Hosting;

/// <summary>
/// The headers every response carries: a Content-Security-Policy that lets the page load scripts,
/// styles, fonts and images from the app alone (no inline script or style: milestone text can
/// never run or restyle), no framing, no MIME sniffing, no Referer leaving the app.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, Accounts.SingleSignOnSettings singleSignOn)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    // The single sign-on form is answered by a redirect to the identity provider, which form-action governs too.
    private readonly string _contentSecurityPolicy = singleSignOn.Origin is { } provider
        ? ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {provider}", StringComparison.Ordinal)
        : ContentSecurityPolicy;

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // As the response starts: the error page clears the headers set before it ran.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = _contentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
