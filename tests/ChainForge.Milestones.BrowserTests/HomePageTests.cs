namespace ChainForge.Milestones.BrowserTests;

public sealed class HomePageTests(BrowserAppFactory app, Browser browser) : BrowserTest(app, browser)
{
    [Fact]
    public async Task The_home_page_opens_styled_with_bootstrap()
    {
        await Page.GotoAsync("/");

        Assert.Equal("ChainForge Milestones", await Page.Locator(".navbar-brand").InnerTextAsync());
        var navbarColor = await Page.Locator(".navbar").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.NotEqual("rgba(0, 0, 0, 0)", navbarColor);
    }
}
