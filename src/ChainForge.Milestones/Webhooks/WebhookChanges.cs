using System.Security.Cryptography;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Audit;
using ChainForge.Milestones.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Webhooks;

/// <summary>Why a webhook cannot be saved as asked, and the field it is about (Url, Secret or Events).</summary>
public sealed record WebhookRefusal(string Field, string Message);

/// <summary>
/// The one write path for webhooks, administrators' alone: registering, changing and removing
/// them, and replaying a delivery; each with its audit event.
/// </summary>
public sealed class WebhookChanges(MilestonesDbContext db, TimeProvider clock, IDataProtectionProvider dataProtection)
{
    public const int MaxUrlLength = 2000;
    public const int MinSecretLength = 16, MaxSecretLength = 256;
    internal const string SecretPurpose = "ChainForge.Milestones.WebhookSecret";

    private readonly IDataProtector _secrets = dataProtection.CreateProtector(SecretPurpose);

    private static readonly WebhookRefusal NotAdmin = new("", "Only administrators manage webhooks.");

    /// <summary>Registers a webhook; with no secret given, one is made and returned, to be shown once.</summary>
    public async Task<(Webhook? Webhook, string? Secret, IReadOnlyList<WebhookRefusal> Refusals)> RegisterAsync(Actor actor, string url, string? secret, WebhookEvents events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Holds(Roles.Admin))
            return (null, null, [NotAdmin]);
        secret = string.IsNullOrWhiteSpace(secret) ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : secret;
        if (Refusals(url, secret, events) is { Count: > 0 } refusals)
            return (null, null, refusals);
        var now = clock.GetUtcNow();
        var webhook = new Webhook { Url = url.Trim(), ProtectedSecret = _secrets.Protect(secret), Events = events, CreatedAt = now, CreatedBy = actor.Name };
        db.Webhooks.Add(webhook);
        AuditLog.Add(db, actor, AuditAction.WebhookRegistered, now, $"{webhook.Url} for {Describe(events)}");
        await db.SaveChangesAsync(cancellationToken);
        return (webhook, secret, []);
    }

    /// <summary>Changes a webhook's address, events and whether it is active; a new secret only when one is given.</summary>
    public async Task<IReadOnlyList<WebhookRefusal>> ChangeAsync(Actor actor, long id, string url, string? newSecret, WebhookEvents events, bool active, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Holds(Roles.Admin))
            return [NotAdmin];
        if (await db.Webhooks.FindAsync([id], cancellationToken) is not { } webhook)
            return [new("", "There is no such webhook: someone removed it.")];
        if (Refusals(url, string.IsNullOrEmpty(newSecret) ? null : newSecret, events) is { Count: > 0 } refusals)
            return refusals;
        (webhook.Url, webhook.Events, webhook.Active) = (url.Trim(), events, active);
        if (!string.IsNullOrEmpty(newSecret))
            webhook.ProtectedSecret = _secrets.Protect(newSecret);
        AuditLog.Add(db, actor, AuditAction.WebhookChanged, clock.GetUtcNow(),
            $"{webhook.Url} for {Describe(events)}{(active ? "" : ", paused")}{(string.IsNullOrEmpty(newSecret) ? "" : ", new secret")}");
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>Removes a webhook and its delivery log; the audit log keeps that it was.</summary>
    public async Task<bool> RemoveAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Holds(Roles.Admin) || await db.Webhooks.FindAsync([id], cancellationToken) is not { } webhook)
            return false;
        db.Webhooks.Remove(webhook);
        AuditLog.Add(db, actor, AuditAction.WebhookRemoved, clock.GetUtcNow(), webhook.Url);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Sends a delivery again, as a new entry of the log with the same body and delivery ID (receivers may know it).</summary>
    public async Task<bool> ReplayAsync(Actor actor, long webhookId, long deliveryId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Holds(Roles.Admin)
            || await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId && d.WebhookId == webhookId, cancellationToken) is not { } original)
            return false;
        var now = clock.GetUtcNow();
        db.WebhookDeliveries.Add(new WebhookDelivery
        {
            WebhookId = original.WebhookId,
            DeliveryId = original.DeliveryId,
            Event = original.Event,
            MilestoneId = original.MilestoneId,
            Payload = original.Payload,
            CreatedAt = now,
            NextAttemptAt = now,
            State = DeliveryState.Pending,
            ReplayOf = original.Id,
        });
        AuditLog.Add(db, actor, AuditAction.WebhookDeliveryReplayed, now, $"{WebhookOutbox.Names[original.Event]} delivery {original.DeliveryId}", original.MilestoneId);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The rules of a webhook: an http(s) address, a secret long enough to sign with (null: the one
    /// it has is kept), at least one event.
    /// </summary>
    public static IReadOnlyList<WebhookRefusal> Refusals(string url, string? secret, WebhookEvents events)
    {
        ArgumentNullException.ThrowIfNull(url);
        var refusals = new List<WebhookRefusal>();
        url = url.Trim();
        if (url.Length == 0)
            refusals.Add(new("Url", "Give the address to send the events to."));
        else if (url.Length > MaxUrlLength)
            refusals.Add(new("Url", $"An address may be at most {MaxUrlLength} characters."));
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https") || address.Host.Length == 0)
            refusals.Add(new("Url", "The address must be an http or https URL, as https://ci.example.com/hooks/milestones."));
        else if (address.UserInfo.Length > 0)
            refusals.Add(new("Url", "Leave the user name and password out of the address: the deliveries are signed with the secret instead."));
        if (secret is not null && (secret.Length < MinSecretLength || secret.Length > MaxSecretLength || secret.Trim() != secret))
            refusals.Add(new("Secret", $"A secret has {MinSecretLength} to {MaxSecretLength} characters, without spaces at its ends."));
        if ((events & WebhookEvents.All) == WebhookEvents.None)
            refusals.Add(new("Events", "Choose at least one event to send."));
        return refusals;
    }

    /// <summary>"milestone.created, review.decided", or "every event".</summary>
    public static string Describe(WebhookEvents events) =>
        (events & WebhookEvents.All) == WebhookEvents.All ? "every event"
            : string.Join(", ", WebhookOutbox.Names.Where(n => events.HasFlag(n.Key)).Select(n => n.Value));
}
