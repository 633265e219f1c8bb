using System.Text.Json;
using System.Text.Json.Serialization;
using ChainForge.Milestones.Api;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Webhooks;

/// <summary>An active webhook and what it is told of.</summary>
public sealed record WebhookSubscriber(long Id, WebhookEvents Events);

/// <summary>The milestone an event is about, as it is after the change.</summary>
public sealed record WebhookMilestone(string Id, string Title, string? Status, string Version, string Page, string Api);

/// <summary>A review decision, or an approval gone stale (with the parts whose change made it so).</summary>
public sealed record WebhookReview(string Review, string Status, string Reviewer, string Comments, string? ChangedParts = null);

public sealed record WebhookStatusChange(string? From, string? To);

/// <summary>The body of a delivery: JSON, signed as it is.</summary>
public sealed record WebhookPayload(Guid Id, string Event, DateTimeOffset OccurredAt, string Actor, WebhookMilestone Milestone, int? Revision,
    WebhookReview? Review = null, WebhookStatusChange? Status = null);

/// <summary>
/// Writes deliveries to the outbox, in the unit of work of the change they tell of (the write
/// path calls it): a change stored is a delivery stored, and a restart loses neither.
/// </summary>
public static class WebhookOutbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The events' names in deliveries, in the <c>X-Milestones-Event</c> header and the body.</summary>
    public static readonly IReadOnlyDictionary<WebhookEvents, string> Names = new Dictionary<WebhookEvents, string>
    {
        [WebhookEvents.MilestoneCreated] = "milestone.created",
        [WebhookEvents.MilestoneChanged] = "milestone.changed",
        [WebhookEvents.MilestoneArchived] = "milestone.archived",
        [WebhookEvents.ReviewRequested] = "review.requested",
        [WebhookEvents.DecisionRecorded] = "review.decided",
        [WebhookEvents.ApprovalStale] = "review.approval_stale",
        [WebhookEvents.StatusChanged] = "milestone.status_changed",
    };

    public static Task<List<WebhookSubscriber>> SubscribersAsync(MilestonesDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Webhooks.AsNoTracking().Where(w => w.Active).Select(w => new WebhookSubscriber(w.Id, w.Events)).ToListAsync(cancellationToken);
    }

    /// <summary>Adds one delivery of <paramref name="event"/> for each webhook that subscribes to it.</summary>
    public static void Add(MilestonesDbContext db, IReadOnlyList<WebhookSubscriber> subscribers, WebhookEvents @event, DateTimeOffset at, string actor, Milestone milestone,
        int? revision, WebhookReview? review = null, WebhookStatusChange? status = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(subscribers);
        ArgumentNullException.ThrowIfNull(milestone);
        foreach (var subscriber in subscribers.Where(s => s.Events.HasFlag(@event)))
        {
            var id = Guid.NewGuid();
            var about = new WebhookMilestone(milestone.Id, milestone.Title, milestone.Status is { } s ? TemplateSpelling.Write(s) : null, MilestonesApi.ETag(milestone.Version),
                $"/milestones/{Uri.EscapeDataString(milestone.Id)}", $"/api/v1/milestones/{Uri.EscapeDataString(milestone.Id)}");
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                WebhookId = subscriber.Id,
                DeliveryId = id,
                Event = @event,
                MilestoneId = milestone.Id,
                Payload = JsonSerializer.Serialize(new WebhookPayload(id, Names[@event], at, actor, about, revision, review, status), Json),
                CreatedAt = at,
                NextAttemptAt = at,
                State = DeliveryState.Pending,
            });
        }
    }
}
