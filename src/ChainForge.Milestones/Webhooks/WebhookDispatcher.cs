using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ChainForge.Milestones.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Webhooks;

public static class WebhookServices
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddScoped<WebhookChanges>();
        // A receiver that hangs holds one delivery, not the dispatcher; redirects are not followed
        // (the address an administrator registered is the one that gets the body).
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookDispatcher>());
        return services;
    }
}

/// <summary>
/// Sends the outbox's deliveries: each JSON body signed with HMAC-SHA256 under its webhook's
/// secret, retried with growing waits until the receiver answers 2xx or the attempts run out.
/// Every instance runs one; a delivery is leased before it is sent, so only one sends it (and
/// one whose instance stopped mid-send is sent again once the lease ends: at least once).
/// </summary>
public sealed partial class WebhookDispatcher(IServiceScopeFactory scopes, IHttpClientFactory httpClients, TimeProvider clock,
    IDataProtectionProvider dataProtection, IConfiguration configuration, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    public const string EventHeader = "X-Milestones-Event", DeliveryHeader = "X-Milestones-Delivery", SignatureHeader = "X-Milestones-Signature";
    public const string DeliverSetting = "Webhooks:Deliver", PollIntervalSetting = "Webhooks:PollInterval", FirstRetrySetting = "Webhooks:FirstRetryAfter";
    public const int MaxAttempts = 8;
    public const int MaxErrorLength = 500;
    private const int Batch = 20;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(6);

    private readonly IDataProtector _secrets = dataProtection.CreateProtector(WebhookChanges.SecretPurpose);

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the body under the secret, as the signature header carries it.</summary>
    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>How long after failed attempt <paramref name="attempts"/> the next one is: the first wait, four times longer each time, six hours at most.</summary>
    public static TimeSpan WaitAfter(int attempts, TimeSpan first) =>
        TimeSpan.FromTicks((long)Math.Min(first.Ticks * Math.Pow(4, attempts - 1), LongestWait.Ticks));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue(DeliverSetting, true))
            return;
        var interval = configuration.GetValue(PollIntervalSetting, TimeSpan.FromSeconds(2));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DeliverDueAsync(stoppingToken) == Batch)
                {
                    // A full batch: there may be more due at once.
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database away for a moment must not stop deliveries for good.
                LogDispatchFailed(logger, e);
            }
            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends what is due now, one batch at most; returns how many this instance took.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MilestonesDbContext>();
        var due = await Due(db, clock.GetUtcNow()).OrderBy(d => d.Id).Select(d => d.Id).Take(Batch).ToListAsync(cancellationToken);
        var taken = 0;
        foreach (var id in due)
        {
            // The time now, not the batch's: the sends before this one may have taken a while.
            var now = clock.GetUtcNow();
            var leasedUntil = now + Lease;
            // Taken by whoever sets the lease first, if it is still due (another instance may have
            // sent it since this one read the batch); whoever finds it leased goes on.
            if (await Due(db, now).Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.LeasedUntil, leasedUntil), cancellationToken) == 0)
                continue;
            var delivery = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
            if (delivery is null || await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == delivery.WebhookId, cancellationToken) is not { } webhook)
                continue; // removed with its webhook meanwhile
            taken++;
            var (code, error) = await SendAsync(webhook, delivery, cancellationToken);
            await RecordAsync(db, delivery, leasedUntil, code, error);
        }
        return taken;
    }

    /// <summary>Deliveries due at <paramref name="now"/>: waiting, their wait over, nobody sending them, their webhook active (a paused one keeps its own).</summary>
    private static IQueryable<WebhookDelivery> Due(MilestonesDbContext db, DateTimeOffset now) =>
        db.WebhookDeliveries.Where(d => d.State == DeliveryState.Pending && d.NextAttemptAt <= now && (d.LeasedUntil == null || d.LeasedUntil < now)
            && db.Webhooks.Any(w => w.Id == d.WebhookId && w.Active));

    private async Task<(int? Code, string Error)> SendAsync(Webhook webhook, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("ChainForge-Milestones-Webhooks", "1"));
        request.Headers.Add(EventHeader, WebhookOutbox.Names[delivery.Event]);
        request.Headers.Add(DeliveryHeader, delivery.DeliveryId.ToString());
        try
        {
            request.Headers.Add(SignatureHeader, Signature(_secrets.Unprotect(webhook.ProtectedSecret), body));
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return ((int)response.StatusCode, response.IsSuccessStatusCode ? "" : $"answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (HttpRequestException e)
        {
            return (null, e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "no answer within 10 seconds");
        }
        catch (CryptographicException)
        {
            return (null, "the webhook's secret cannot be read with this server's Data Protection keys: give it a new secret");
        }
    }

    private async Task RecordAsync(MilestonesDbContext db, WebhookDelivery delivery, DateTimeOffset leasedUntil, int? code, string error)
    {
        var now = clock.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        var delivered = code is >= 200 and < 300;
        var state = delivered ? DeliveryState.Delivered : attempts >= MaxAttempts ? DeliveryState.Failed : DeliveryState.Pending;
        var next = now + WaitAfter(attempts, configuration.GetValue(FirstRetrySetting, TimeSpan.FromSeconds(30)));
        error = error.Length <= MaxErrorLength ? error : error[..(MaxErrorLength - 1)] + "…";
        // Recorded even when the app is stopping: the receiver has it, and the log must say so. Only
        // under this instance's own lease: one that outlived it must not overwrite a later attempt.
        await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.LeasedUntil == leasedUntil).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Attempts, attempts)
            .SetProperty(d => d.State, state)
            .SetProperty(d => d.ResponseCode, code)
            .SetProperty(d => d.LastError, error)
            .SetProperty(d => d.DeliveredAt, delivered ? now : null)
            .SetProperty(d => d.NextAttemptAt, delivered ? delivery.NextAttemptAt : next)
            .SetProperty(d => d.LeasedUntil, (DateTimeOffset?)null), CancellationToken.None);
        if (!delivered)
            LogAttemptFailed(logger, delivery.DeliveryId, attempts, error);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook deliveries could not be read or recorded; trying again shortly")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId}, attempt {Attempts}: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, Guid deliveryId, int attempts, string error);
}
