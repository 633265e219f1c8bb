using System.Net;
using ChainForge.Milestones.Cli;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Tests.Pages;

namespace ChainForge.Milestones.Tests.Hosting;

/// <summary>
/// Two app processes on one database, as behind a load balancer: a sign-in, a save and the page
/// cache hold across them (keys in the database, Hosting/SharedKeys.cs; the data version), and a
/// restart signs nobody out.
/// </summary>
public sealed class SeveralInstancesTests : IAsyncLifetime
{
    private const string Password = "Correct-Horse-9";
    private readonly string _folder = Directory.CreateTempSubdirectory("milestones-instances-").FullName;
    private readonly TestStore _store = new();
    private readonly CookieContainer _cookies = new();
    private AppProcess? _first;
    private AppProcess? _second;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store.WriteAppSettings(_folder);
        var milestone = Path.Combine(_folder, "M-900.md");
        await File.WriteAllTextAsync(milestone, MarkdownExporter.Export(Arrange.Named("M-900", "Before")), Cancellation);
        await Verb("user", "create", "ana", "--role", "Author", "--password", Password, "--keep-password");
        await Verb("import", milestone);
        var started = await Task.WhenAll(AppProcess.StartAsync(_store.Configuration, _folder), AppProcess.StartAsync(_store.Configuration, _folder));
        (_first, _second) = (started[0], started[1]);
    }

    private async Task Verb(params string[] args)
    {
        var error = new StringWriter();
        Assert.True(await CommandLine.RunAsync(args, TextReader.Null, TextWriter.Null, error, _folder, _folder) == 0, error.ToString());
    }

    // One browser: the same cookies go to both (cookies do not tell ports apart).
    private HttpClient Client(AppProcess app) =>
        new(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = true }) { BaseAddress = app.Address };

    private static async Task<string?> SignedInAsAsync(HttpClient client) =>
        (await HtmlPage.GetAsync(client, "/reviews")).Find("[data-signed-in-as]")?.TextContent;

    private static async Task SignInAsync(HttpClient client)
    {
        var login = await HtmlPage.GetAsync(client, "/account/login");
        await login.SubmitAsync(client, changes: new Dictionary<string, string> { ["Input.UserName"] = "ana", ["Input.Password"] = Password });
    }

    [Fact]
    public async Task A_sign_in_on_one_instance_holds_on_the_other_and_after_a_restart()
    {
        using var first = Client(_first!);
        await SignInAsync(first);

        using (var second = Client(_second!))
            Assert.Equal("ana", await SignedInAsAsync(second));

        await _second!.DisposeAsync();
        _second = await AppProcess.StartAsync(_store.Configuration, _folder);
        using var restarted = Client(_second);
        Assert.Equal("ana", await SignedInAsAsync(restarted));
    }

    [Fact]
    public async Task A_save_on_one_instance_is_shown_by_the_other_at_its_next_view()
    {
        using var first = Client(_first!);
        using var second = Client(_second!);
        await SignInAsync(first);
        // Twice: the second view is the one the other instance keeps.
        await HtmlPage.GetAsync(second, "/milestones/M-900");
        Assert.Equal("M-900: Before", (await HtmlPage.GetAsync(second, "/milestones/M-900")).Find("#milestone h1")!.TextContent);

        var edit = await HtmlPage.GetAsync(first, "/milestones/M-900/edit");
        await edit.SubmitAsync(first, changes: new Dictionary<string, string> { ["Milestone.Title"] = "Saved on the first" });
        // On PostgreSQL the other instance may not have heard of the save yet: the browser tells it.
        if (TestStore.Provider is DatabaseProvider.PostgreSQL)
            Assert.NotNull(_cookies.GetCookies(_second!.Address)[WrittenVersion.CookieName]);

        Assert.Equal("M-900: Saved on the first", (await HtmlPage.GetAsync(second, "/milestones/M-900")).Find("#milestone h1")!.TextContent);
    }

    [Fact]
    public async Task Two_saves_from_one_version_on_two_instances_keep_the_first_and_refuse_the_second()
    {
        using var first = Client(_first!);
        using var second = Client(_second!);
        await SignInAsync(first);
        var onFirst = await HtmlPage.GetAsync(first, "/milestones/M-900/edit");
        var onSecond = await HtmlPage.GetAsync(second, "/milestones/M-900/edit");

        var kept = await onFirst.SubmitAsync(first, changes: new Dictionary<string, string> { ["Milestone.Title"] = "First" });
        var refused = await onSecond.SubmitAsync(second, changes: new Dictionary<string, string> { ["Milestone.Title"] = "Second" });

        Assert.Equal(HttpStatusCode.OK, kept.Response.StatusCode);
        // The same account on both: the refusal says it was saved in another window, and shows both titles to choose from.
        Assert.Contains("Meanwhile, you (in another window) saved this milestone", refused.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("First", refused.Find("#collisions [data-side='theirs']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("M-900: First", (await HtmlPage.GetAsync(second, "/milestones/M-900")).Find("#milestone h1")!.TextContent);
    }

    public async ValueTask DisposeAsync()
    {
        if (_first is not null)
            await _first.DisposeAsync();
        if (_second is not null)
            await _second.DisposeAsync();
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
