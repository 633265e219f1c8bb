namespace ChainForge.Milestones.Hosting;

/// <summary>
/// The headers every response carries: a Content-Security-Policy that lets the page load scripts,
/// styles, fonts and images from the app alone (no inline script or style: milestone text can
/// never run or restyle), no framing, no MIME sniffing, no Referer leaving the app.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // As the response starts: the error page clears the headers set before it ran.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
