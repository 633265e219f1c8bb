namespace ChainForge.Milestones.Webhooks;

/// <summary>What a webhook may be told of; a webhook subscribes to any set of them.</summary>
[Flags]
public enum WebhookEvents
{
    None = 0,
    MilestoneCreated = 1,
    MilestoneChanged = 2,
    MilestoneArchived = 4,
    ReviewRequested = 8,
    DecisionRecorded = 16,
    ApprovalStale = 32,
    StatusChanged = 64,
    All = MilestoneCreated | MilestoneChanged | MilestoneArchived | ReviewRequested | DecisionRecorded | ApprovalStale | StatusChanged,
}

/// <summary>An address an administrator registered to be told of changes, signed with its secret.</summary>
public sealed class Webhook
{
    public long Id { get; set; }
    public string Url { get; set; } = "";

    /// <summary>The secret the deliveries are signed with, protected by Data Protection: the server needs it back, so it is not a hash.</summary>
    public string ProtectedSecret { get; set; } = "";

    public WebhookEvents Events { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}

public enum DeliveryState { Pending, Delivered, Failed }

/// <summary>
/// One event for one webhook: written to this outbox in the same transaction as the change it
/// tells of, then sent (and retried) by <see cref="WebhookDispatcher"/>. The delivery log.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public long WebhookId { get; set; }

    /// <summary>The delivery's ID, sent in its header and body; a replay sends the same one, so that receivers can tell it again.</summary>
    public Guid DeliveryId { get; set; }

    public WebhookEvents Event { get; set; }
    public string MilestoneId { get; set; } = "";

    /// <summary>The JSON body, exactly as signed and sent.</summary>
    public string Payload { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DeliveryState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>While an instance is sending it: no other instance takes it before then.</summary>
    public DateTimeOffset? LeasedUntil { get; set; }

    public int? ResponseCode { get; set; }
    public string LastError { get; set; } = "";
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>The delivery an administrator replayed to make this one.</summary>
    public long? ReplayOf { get; set; }
}
