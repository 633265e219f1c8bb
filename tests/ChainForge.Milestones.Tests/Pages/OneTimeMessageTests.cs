using ChainForge.Milestones.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests.Pages;

public sealed class OneTimeMessageTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private const string MessageCookie = ".AspNetCore.Mvc.CookieTempDataProvider";

    [Theory]
    [InlineData("/milestones/M-530")]
    [InlineData("/milestones/M-530/history")]
    [InlineData("/account/password")]
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
    public void The_message_is_taken_from_TempData_when_the_request_brings_its_cookie()
    {
        var (http, provider) = Request(cookie: true);
        provider.Stored[OneTimeMessage.Key] = "Saved M-1.";
        var tempData = new TempDataDictionary(http, provider);

        Assert.Equal("Saved M-1.", OneTimeMessage.Take(http, tempData));
        Assert.Equal(1, provider.Loads);
    }

    [Fact]
    public void Without_the_cookie_TempData_is_not_read_at_all()
    {
        var (http, provider) = Request(cookie: false);
        var tempData = new TempDataDictionary(http, provider);

        Assert.Null(OneTimeMessage.Take(http, tempData));
        tempData.Save();

        Assert.Equal(0, provider.Loads);
        Assert.Equal(0, provider.Saves);
    }

    private static (DefaultHttpContext Http, RecordingProvider Provider) Request(bool cookie)
    {
        var services = new ServiceCollection();
        services.AddOptions<CookieTempDataProviderOptions>();
        var http = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        if (cookie)
            http.Request.Headers.Cookie = $"{MessageCookie}=x";
        return (http, new RecordingProvider());
    }

    private sealed class RecordingProvider : ITempDataProvider
    {
        public Dictionary<string, object> Stored { get; } = [];
        public int Loads { get; private set; }
        public int Saves { get; private set; }

        public IDictionary<string, object> LoadTempData(HttpContext context)
        {
            Loads++;
            return new Dictionary<string, object>(Stored);
        }

        public void SaveTempData(HttpContext context, IDictionary<string, object> values) => Saves++;
    }
}
