using System.Text.RegularExpressions;
using ChainForge.Milestones.Hosting;
using ChainForge.Milestones.Tests.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChainForge.Milestones.Tests.Hosting;

public sealed partial class SecurityHeadersTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    public static TheoryData<string> Pages() => ["/", "/milestones/M-401", "/milestones/M-401/edit", "/milestones/M-401/review", "/portfolio", "/dependencies", "/account/login", "/admin/audit"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_carries_the_policy_and_holds_no_inline_script_or_style(string url)
    {
        await using (var db = app.CreateDbContext())
        {
            if (!db.Milestones.Any(m => m.Id == "M-401"))
                await app.StoreAsync(Arrange.Named("M-401"));
        }
        var client = await app.AuthorClientAsync();

        var page = await HtmlPage.GetAsync(client, url);

        var headers = page.Response.Headers;
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, string.Join(";", headers.GetValues("Content-Security-Policy")));
        Assert.Contains("default-src 'self'", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(headers.GetValues("Referrer-Policy")));
        var html = await page.Response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Empty(InlineScript().Matches(html));
        Assert.Empty(page.FindAll("[style]"));
    }

    [Fact]
    public async Task Over_https_the_browser_is_told_to_stay_on_https()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://milestones.example") });

        var response = await client.GetAsync(new Uri("/account/login", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Assert.All(response.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Forwarded_headers_are_believed_from_the_configured_proxies_only()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ReverseProxy:KnownProxies:0"] = "10.1.2.3",
            ["ReverseProxy:KnownNetworks:0"] = "10.9.0.0/16",
        }).Build();
        var services = new ServiceCollection().AddReverseProxySupport(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Equal(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, options.ForwardedHeaders);
        Assert.Contains(System.Net.IPAddress.Parse("10.1.2.3"), options.KnownProxies);
        Assert.Contains(options.KnownIPNetworks, n => n.ToString() == "10.9.0.0/16");
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
