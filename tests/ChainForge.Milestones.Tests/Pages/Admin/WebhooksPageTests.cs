using AngleSharp.Html.Dom;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Tests.Webhooks;
using ChainForge.Milestones.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests.Pages.Admin;

/// <summary>The administrators' webhook pages: registering (the secret shown once), refusals at their fields, the delivery log and a replay.</summary>
public sealed class WebhooksPageTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static void Untick(HtmlPage page, params WebhookEvents[] events)
    {
        foreach (var each in events)
            ((IHtmlInputElement)page.Find($"#event-{each}")!).IsChecked = false;
    }

    [Fact]
    public async Task Registering_without_a_secret_shows_the_one_made_once_and_lists_the_webhook()
    {
        var client = await app.SignedInClientAsync("root", Roles.Admin);
        var page = await HtmlPage.GetAsync(client, "/admin/webhooks");
        Assert.All(page.FindAll("input[name='Input.Events']").Cast<IHtmlInputElement>(), box => Assert.True(box.IsChecked));
        Untick(page, WebhookEvents.MilestoneCreated, WebhookEvents.MilestoneChanged, WebhookEvents.MilestoneArchived, WebhookEvents.ReviewRequested, WebhookEvents.StatusChanged);

        var registered = await page.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Url"] = "https://ci.example.com/hooks/a" });

        var secret = registered.Find("[data-made-secret]")!.TextContent;
        Assert.True(secret.Length >= WebhookChanges.MinSecretLength);
        var row = registered.FindAll("tr[data-webhook]").Single(r => r.TextContent.Contains("https://ci.example.com/hooks/a", StringComparison.Ordinal));
        Assert.Contains("review.decided, review.approval_stale", row.TextContent, StringComparison.Ordinal);
        Assert.Null((await HtmlPage.GetAsync(client, "/admin/webhooks")).Find("[data-made-secret]"));
    }

    [Fact]
    public async Task A_refused_webhook_says_why_next_to_each_field_and_keeps_what_was_typed()
    {
        var client = await app.SignedInClientAsync("root", Roles.Admin);
        var page = await HtmlPage.GetAsync(client, "/admin/webhooks");
        Untick(page, Enum.GetValues<WebhookEvents>().Where(e => e is not (WebhookEvents.None or WebhookEvents.All)).ToArray());

        var refused = await page.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Url"] = "ftp://files.example.com/drop", ["Input.Secret"] = "short" });

        Assert.Contains("http or https URL", refused.Find("#url-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("16 to 256 characters", refused.Find("#secret-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("at least one event", refused.Find("#events-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("ftp://files.example.com/drop", ((IHtmlInputElement)refused.Find("#Input_Url")!).Value);
        Assert.Contains("is-invalid", refused.Find("#Input_Url")!.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_a_webhook_someone_removed_meanwhile_says_so_on_the_list()
    {
        long id;
        using (var scope = app.Services.CreateScope())
            id = (await scope.ServiceProvider.GetRequiredService<WebhookChanges>().RegisterAsync(Actors.Admin(), "https://ci.example.com/hooks/gone", null, WebhookEvents.All, Cancel)).Webhook!.Id;
        var client = await app.SignedInClientAsync("root", Roles.Admin);
        var page = await HtmlPage.GetAsync(client, $"/admin/webhooks/{id}");
        using (var scope = app.Services.CreateScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<WebhookChanges>().RemoveAsync(Actors.Admin("other"), id, Cancel));

        var saved = await page.SubmitAsync(client, "form:has(#Input_Secret)", new Dictionary<string, string> { ["Input.Url"] = "https://ci.example.com/hooks/renamed" });

        Assert.EndsWith("/admin/webhooks", saved.Response.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("this webhook was removed while its page was open", saved.Find("#message.alert-warning")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_delivery_log_shows_each_attempt_and_a_replay_sends_it_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answers.Enqueue(502);
        long id;
        using (var scope = app.Services.CreateScope())
            id = (await scope.ServiceProvider.GetRequiredService<WebhookChanges>().RegisterAsync(Actors.Admin(), receiver.Url, null, WebhookEvents.MilestoneCreated, Cancel)).Webhook!.Id;
        await using (var db = app.CreateDbContext())
            Assert.True((await Actors.Changes(db, app.Clock).CreateAsync(Actors.Author(), new Milestone { Id = "WH-001", Title = "Hooked" }, Cancel)).Succeeded);
        await app.Services.GetRequiredService<WebhookDispatcher>().DeliverDueAsync(Cancel);
        await receiver.NextAsync();
        await WebhookLog.SettledAsync(app, id);
        var client = await app.SignedInClientAsync("root", Roles.Admin);

        var page = await HtmlPage.GetAsync(client, $"/admin/webhooks/{id}");
        var entry = page.Find("tr[data-delivery]")!;
        Assert.Equal("Pending", entry.GetAttribute("data-state"));
        Assert.Contains("milestone.created", entry.TextContent, StringComparison.Ordinal);
        Assert.Contains("answered 502", entry.TextContent, StringComparison.Ordinal);
        Assert.Contains("retrying", entry.TextContent, StringComparison.Ordinal);

        var replayed = await page.SubmitAsync(client, "tr[data-delivery] form");
        await app.Services.GetRequiredService<WebhookDispatcher>().DeliverDueAsync(Cancel);
        await receiver.NextAsync();
        await WebhookLog.SettledAsync(app, id);

        Assert.Contains("Sent again", replayed.Find("[role=status]")!.TextContent, StringComparison.Ordinal);
        var log = (await HtmlPage.GetAsync(client, $"/admin/webhooks/{id}")).FindAll("tr[data-delivery]");
        Assert.Equal(2, log.Length);
        Assert.Equal("Delivered", log[0].GetAttribute("data-state"));
        Assert.Contains("replay", log[0].TextContent, StringComparison.Ordinal);
        await using var after = app.CreateDbContext();
        Assert.Equal(2, await after.WebhookDeliveries.CountAsync(d => d.WebhookId == id, Cancel));
    }
}
