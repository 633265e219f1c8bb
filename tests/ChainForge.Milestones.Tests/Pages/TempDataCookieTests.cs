using ChainForge.Milestones.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests.Pages;

public sealed class TempDataCookieTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private const string MessageCookie = ".AspNetCore.Mvc.CookieTempDataProvider";

    [Theory]
    [InlineData("/milestones/M-530")]
    [InlineData("/milestones/M-530/history")]
    [InlineData("/account/password")]
    [InlineData("/admin/settings")]
    [InlineData("/admin/users")]
    public async Task A_page_asked_for_without_a_message_sets_no_message_cookie(string url)
    {
        using (var db = app.CreateDbContext())
        {
            if (await db.Milestones.FindAsync(["M-530"], Cancellation) is null)
                await app.StoreAsync(Arrange.Named("M-530"));
        }
        var client = await app.AuthorClientAsync();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Cancellation);

        response.EnsureSuccessStatusCode();
        var setCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
        Assert.DoesNotContain(setCookies, c => c.StartsWith(MessageCookie, StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_TempData_of_a_request_without_the_cookie_sets_nothing()
    {
        var http = Request(cookie: false);

        app.Services.GetRequiredService<ITempDataProvider>().SaveTempData(http, new Dictionary<string, object>());

        Assert.Equal(0, http.Response.Headers.SetCookie.Count);
    }

    [Fact]
    public void An_emptied_TempData_deletes_the_cookie_the_request_brought()
    {
        var http = Request(cookie: true);

        app.Services.GetRequiredService<ITempDataProvider>().SaveTempData(http, new Dictionary<string, object>());

        Assert.Contains(http.Response.Headers.SetCookie, c => c!.StartsWith(MessageCookie + "=;", StringComparison.Ordinal));
    }

    [Fact]
    public void A_message_is_kept_in_the_cookie_and_read_back()
    {
        var provider = app.Services.GetRequiredService<ITempDataProvider>();
        var saving = Request(cookie: false);

        provider.SaveTempData(saving, new Dictionary<string, object> { [OneTimeMessage.DoneKey] = "Saved M-1." });
        var cookie = Assert.Single(saving.Response.Headers.SetCookie)!.Split(';')[0];
        var reading = Request(cookie: false);
        reading.Request.Headers.Cookie = cookie;

        Assert.Equal("Saved M-1.", provider.LoadTempData(reading)[OneTimeMessage.DoneKey]);
    }

    private DefaultHttpContext Request(bool cookie)
    {
        var http = new DefaultHttpContext { RequestServices = app.Services };
        if (cookie)
            http.Request.Headers.Cookie = $"{MessageCookie}=x";
        return http;
    }
}
