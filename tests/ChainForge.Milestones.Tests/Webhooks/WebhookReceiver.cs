using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChainForge.Milestones.Tests.Webhooks;

/// <summary>One request a receiver got: the headers a webhook's consumer checks, and the body.</summary>
internal sealed record ReceivedDelivery(string Event, string Delivery, string Signature, string ContentType, byte[] Body)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A webhook's consumer, started inside the tests on a port of its own: it keeps what it gets and
/// answers with the codes it is told to (then 204).
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedDelivery> _received = Channel.CreateUnbounded<ReceivedDelivery>();

    /// <summary>The codes to answer the next requests with, in turn.</summary>
    public ConcurrentQueue<int> Answers { get; } = new();

    public string Url { get; private set; } = "";

    private WebhookReceiver(WebApplication app) => _app = app;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/hooks/milestones", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var headers = context.Request.Headers;
            await receiver._received.Writer.WriteAsync(new ReceivedDelivery(headers["X-Milestones-Event"].ToString(), headers["X-Milestones-Delivery"].ToString(),
                headers["X-Milestones-Signature"].ToString(), context.Request.ContentType ?? "", body.ToArray()));
            return Results.StatusCode(receiver.Answers.TryDequeue(out var code) ? code : StatusCodes.Status204NoContent);
        });
        await receiver._app.StartAsync(TestContext.Current.CancellationToken);
        receiver.Url = receiver._app.Urls.First() + "/hooks/milestones";
        return receiver;
    }

    /// <summary>The next request, waiting for it a while.</summary>
    public async Task<ReceivedDelivery> NextAsync(int seconds = 20)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Everything received so far, without waiting.</summary>
    public List<ReceivedDelivery> Drain()
    {
        var all = new List<ReceivedDelivery>();
        while (_received.Reader.TryRead(out var each))
            all.Add(each);
        return all;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The app's delivery log, as a test reads it once the dispatcher has recorded what it sent.</summary>
internal static class WebhookLog
{
    /// <summary>
    /// Waits until no delivery of the webhook is being sent: a receiver has a request before the
    /// dispatcher has its answer recorded (whichever of the app's loop or the test sent it).
    /// </summary>
    public static async Task SettledAsync(MilestonesAppFactory app, long webhook)
    {
        for (var i = 0; i < 200; i++)
        {
            await using var db = app.CreateDbContext();
            if (!await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.WebhookDeliveries, d => d.WebhookId == webhook && d.LeasedUntil != null, TestContext.Current.CancellationToken))
                return;
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"webhook {webhook}'s deliveries were still being sent after 10 seconds");
    }
}
