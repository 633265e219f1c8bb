using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ChainForge.Milestones.Hosting;

/// <summary>
/// Behind a reverse proxy that terminates HTTPS: the client's address and scheme are taken from
/// X-Forwarded-For and X-Forwarded-Proto, but only from the proxies the configuration names
/// (<c>ReverseProxy:KnownProxies</c>, <c>ReverseProxy:KnownNetworks</c>); from anyone else they are ignored.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "ReverseProxy";

    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Every cookie the app sets is Secure when the request came over HTTPS (directly or through the proxy).
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest);
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(options => options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest);
        var proxies = configuration.GetSection($"{Section}:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection($"{Section}:KnownNetworks").Get<string[]>() ?? [];
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only what the operator names; loopback stays trusted, as by default.
            foreach (var proxy in proxies)
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in networks)
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
    }
}
