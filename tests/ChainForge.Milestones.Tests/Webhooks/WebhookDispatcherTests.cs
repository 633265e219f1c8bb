using System.Text;
using System.Text.Json;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Tests.Fixtures;
using ChainForge.Milestones.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests.Webhooks;

/// <summary>
/// Deliveries end to end: changes through the write path, the outbox, the dispatcher, and a
/// receiver started here that checks each signature; retries, the log, replays and a restart.
/// </summary>
public sealed class WebhookDispatcherTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<(long Id, string Secret)> RegisterAsync(WebApplicationFactory<Program> host, string url, WebhookEvents events = WebhookEvents.All)
    {
        using var scope = host.Services.CreateScope();
        var (webhook, secret, refusals) = await scope.ServiceProvider.GetRequiredService<WebhookChanges>().RegisterAsync(Actors.Admin(), url, null, events, Cancel);
        Assert.Empty(refusals);
        return (webhook!.Id, secret!);
    }

    private async Task RemoveAsync(long id)
    {
        using var scope = app.Services.CreateScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<WebhookChanges>().RemoveAsync(Actors.Admin(), id, Cancel));
    }

    private static Milestone Example(string id) =>
        MarkdownImporter.Import(Fixture.Example.Replace("M-007", id, StringComparison.Ordinal)).Milestone!;

    private async Task<ChangeResult> ChangeAsync(Func<MilestoneChanges, Task<ChangeResult>> change)
    {
        await using var db = app.CreateDbContext();
        var result = await change(Actors.Changes(db, app.Clock));
        Assert.True(result.Succeeded, string.Join("; ", result.Refusals) + result.Outcome);
        return result;
    }

    private async Task<Guid> VersionAsync(string id)
    {
        await using var db = app.CreateDbContext();
        return await db.Milestones.Where(m => m.Id == id).Select(m => m.Version).SingleAsync(Cancel);
    }

    private async Task<List<WebhookDelivery>> LogAsync(long webhook)
    {
        await WebhookLog.SettledAsync(app, webhook);
        await using var db = app.CreateDbContext();
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == webhook).OrderBy(d => d.Id).ToListAsync(Cancel);
    }

    /// <summary>Delivers what is due now (the background loop may have taken it already) and waits for the receiver to have <paramref name="count"/> of them.</summary>
    private async Task<List<ReceivedDelivery>> ReceiveAsync(WebhookReceiver receiver, int count)
    {
        await app.Services.GetRequiredService<WebhookDispatcher>().DeliverDueAsync(Cancel);
        var received = new List<ReceivedDelivery>();
        while (received.Count < count)
            received.Add(await receiver.NextAsync());
        return received;
    }

    private static void AssertSigned(ReceivedDelivery delivery, string secret)
    {
        Assert.Equal(WebhookDispatcher.Signature(secret, delivery.Body), delivery.Signature);
        Assert.StartsWith("sha256=", delivery.Signature, StringComparison.Ordinal);
        Assert.Equal("application/json; charset=utf-8", delivery.ContentType);
        using var body = JsonDocument.Parse(delivery.Body);
        Assert.Equal(delivery.Event, body.RootElement.GetProperty("event").GetString());
        Assert.Equal(delivery.Delivery, body.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Every_kind_of_change_is_delivered_signed_with_the_webhooks_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (webhook, secret) = await RegisterAsync(app, receiver.Url);
        await app.EnsureUserAsync("priya", Roles.Reviewer);
        var priya = Actors.Reviewer("priya");

        await ChangeAsync(c => c.CreateAsync(Actors.Author("ana"), Example("W-001"), Cancel));
        await ChangeAsync(async c => await c.RequestReviewAsync(Actors.Author("ana"), "W-001", await VersionAsync("W-001"), Cancel));
        await ChangeAsync(async c => await c.DecideAsync(priya, "W-001", ReviewKind.Technical, ReviewStatus.Approved, "Sound.", await VersionAsync("W-001"), Cancel));
        await ChangeAsync(async c =>
        {
            await using var db = app.CreateDbContext();
            var edited = await db.Milestones.AsNoTracking().SingleAsync(m => m.Id == "W-001", Cancel);
            edited.Design.Architecture += " Changed.";
            edited.Status = MilestoneStatus.InProgress;
            return await c.EditAsync(Actors.Author("ana"), edited, edited.Version, Cancel);
        });
        await ChangeAsync(c => c.ArchiveAsync(Actors.Author("ana"), "W-001", Cancel));
        // In the order of the log: the app's own loop may send some while the test sends others.
        var order = (await LogAsync(webhook)).Select((d, i) => (d.DeliveryId.ToString(), i)).ToDictionary();
        var received = (await ReceiveAsync(receiver, 9)).OrderBy(r => order[r.Delivery]).ToList();

        Assert.Equal(
            ["milestone.created",
             "milestone.changed", "review.requested", "milestone.status_changed",
             "review.decided",
             "milestone.changed", "review.approval_stale", "milestone.status_changed",
             "milestone.archived"],
            received.Select(r => r.Event));
        Assert.All(received, r => AssertSigned(r, secret));
        using var decided = JsonDocument.Parse(received[4].Body);
        Assert.Equal("priya", decided.RootElement.GetProperty("actor").GetString());
        Assert.Equal("W-001", decided.RootElement.GetProperty("milestone").GetProperty("id").GetString());
        Assert.Equal("APPROVED", decided.RootElement.GetProperty("review").GetProperty("status").GetString());
        Assert.Equal("technical", decided.RootElement.GetProperty("review").GetProperty("review").GetString());
        using var status = JsonDocument.Parse(received[3].Body);
        Assert.Equal(("IN_PROGRESS", "REVIEW"), (status.RootElement.GetProperty("status").GetProperty("from").GetString(), status.RootElement.GetProperty("status").GetProperty("to").GetString()));
        Assert.All(await LogAsync(webhook), d => Assert.Equal((DeliveryState.Delivered, 1, 204), (d.State, d.Attempts, d.ResponseCode)));
        await RemoveAsync(webhook);
    }

    [Fact]
    public async Task A_webhook_gets_only_the_events_it_subscribes_to_and_a_paused_one_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var paused = await WebhookReceiver.StartAsync();
        var (webhook, _) = await RegisterAsync(app, receiver.Url, WebhookEvents.MilestoneArchived);
        var (pausedWebhook, _) = await RegisterAsync(app, paused.Url);
        using (var scope = app.Services.CreateScope())
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<WebhookChanges>().ChangeAsync(Actors.Admin(), pausedWebhook, paused.Url, null, WebhookEvents.All, active: false, Cancel));

        await ChangeAsync(c => c.CreateAsync(Actors.Author("ana"), Example("W-002"), Cancel));
        await ChangeAsync(c => c.ArchiveAsync(Actors.Author("ana"), "W-002", Cancel));
        var received = await ReceiveAsync(receiver, 1);

        Assert.Equal("milestone.archived", Assert.Single(received).Event);
        Assert.Single(await LogAsync(webhook));
        Assert.Empty(await LogAsync(pausedWebhook));
        Assert.Empty(paused.Drain());
        await RemoveAsync(webhook);
        await RemoveAsync(pausedWebhook);
    }

    [Fact]
    public async Task Pausing_a_webhook_holds_what_it_has_waiting_until_it_is_active_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (webhook, _) = await RegisterAsync(app, receiver.Url, WebhookEvents.MilestoneCreated);
        receiver.Answers.Enqueue(500);
        await ChangeAsync(c => c.CreateAsync(Actors.Author("ana"), Example("W-006"), Cancel));
        await ReceiveAsync(receiver, 1);
        async Task SetActiveAsync(bool active)
        {
            using var scope = app.Services.CreateScope();
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<WebhookChanges>().ChangeAsync(Actors.Admin(), webhook, receiver.Url, null, WebhookEvents.MilestoneCreated, active, Cancel));
        }

        await SetActiveAsync(false);
        app.Clock.Now += TimeSpan.FromHours(1);
        await app.Services.GetRequiredService<WebhookDispatcher>().DeliverDueAsync(Cancel);
        Assert.Empty(receiver.Drain());
        var held = Assert.Single(await LogAsync(webhook));
        Assert.Equal((DeliveryState.Pending, 1), (held.State, held.Attempts));
        await SetActiveAsync(true);
        await ReceiveAsync(receiver, 1);

        var sent = Assert.Single(await LogAsync(webhook));
        Assert.Equal((DeliveryState.Delivered, 2), (sent.State, sent.Attempts));
        await RemoveAsync(webhook);
    }

    [Fact]
    public async Task A_refused_delivery_is_logged_and_retried_after_a_wait_and_a_replay_sends_it_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (webhook, secret) = await RegisterAsync(app, receiver.Url, WebhookEvents.MilestoneCreated);
        receiver.Answers.Enqueue(500);

        await ChangeAsync(c => c.CreateAsync(Actors.Author("ana"), Example("W-003"), Cancel));
        var first = Assert.Single(await ReceiveAsync(receiver, 1));
        var logged = Assert.Single(await LogAsync(webhook));
        // Not due before its wait: nothing is sent however often the dispatcher looks.
        await app.Services.GetRequiredService<WebhookDispatcher>().DeliverDueAsync(Cancel);
        Assert.Empty(receiver.Drain());
        app.Clock.Now += WebhookDispatcher.WaitAfter(1, TimeSpan.FromSeconds(30));
        var second = Assert.Single(await ReceiveAsync(receiver, 1));

        Assert.Equal((DeliveryState.Pending, 1, 500), (logged.State, logged.Attempts, logged.ResponseCode));
        Assert.Contains("answered 500", logged.LastError, StringComparison.Ordinal);
        Assert.Equal(first.Delivery, second.Delivery);
        Assert.Equal(first.Body, second.Body);
        var delivered = Assert.Single(await LogAsync(webhook));
        Assert.Equal((DeliveryState.Delivered, 2, 204, ""), (delivered.State, delivered.Attempts, delivered.ResponseCode, delivered.LastError));

        using (var scope = app.Services.CreateScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<WebhookChanges>().ReplayAsync(Actors.Admin(), webhook, delivered.Id, Cancel));
        var replayed = Assert.Single(await ReceiveAsync(receiver, 1));

        Assert.Equal(first.Delivery, replayed.Delivery);
        AssertSigned(replayed, secret);
        Assert.Equal(delivered.Id, (await LogAsync(webhook))[^1].ReplayOf);
        await RemoveAsync(webhook);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_well_is_given_up_on_after_the_last_attempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (webhook, _) = await RegisterAsync(app, receiver.Url, WebhookEvents.MilestoneCreated);
        for (var i = 0; i < WebhookDispatcher.MaxAttempts; i++)
            receiver.Answers.Enqueue(503);

        await ChangeAsync(c => c.CreateAsync(Actors.Author("ana"), Example("W-004"), Cancel));
        for (var attempt = 1; attempt <= WebhookDispatcher.MaxAttempts; attempt++)
        {
            await ReceiveAsync(receiver, 1);
            app.Clock.Now += TimeSpan.FromHours(7);
        }
        await app.Services.GetRequiredService<WebhookDispatcher>().DeliverDueAsync(Cancel);

        var failed = Assert.Single(await LogAsync(webhook));
        Assert.Equal((DeliveryState.Failed, WebhookDispatcher.MaxAttempts, 503), (failed.State, failed.Attempts, failed.ResponseCode));
        Assert.Empty(receiver.Drain());
        await RemoveAsync(webhook);
    }

    [Fact]
    public async Task A_change_made_just_before_a_restart_is_delivered_by_the_app_that_starts_after()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (webhook, secret) = await RegisterAsync(app, receiver.Url, WebhookEvents.MilestoneCreated);
        // An instance that stops before it sends anything: the change is stored with its delivery.
        await using (var stopping = app.WithWebHostBuilder(b => b.UseSetting(WebhookDispatcher.DeliverSetting, "false")))
        {
            await using var db = stopping.Services.CreateScope().ServiceProvider.GetRequiredService<MilestonesDbContext>();
            Assert.True((await Actors.Changes(db, app.Clock).CreateAsync(Actors.Author("ana"), Example("W-005"), Cancel)).Succeeded);
        }
        Assert.Equal(DeliveryState.Pending, Assert.Single(await LogAsync(webhook)).State);

        // The next instance's own loop sends it.
        await using var started = app.WithWebHostBuilder(b => b.UseSetting(WebhookDispatcher.PollIntervalSetting, "00:00:00.2"));
        _ = started.Services;
        var received = await receiver.NextAsync();

        Assert.Equal("milestone.created", received.Event);
        AssertSigned(received, secret);
        Assert.Contains("\"id\":\"W-005\"", received.Text, StringComparison.Ordinal);
        await RemoveAsync(webhook);
    }
}
