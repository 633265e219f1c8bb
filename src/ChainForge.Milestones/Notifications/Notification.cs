namespace ChainForge.Milestones.Notifications;

public enum NotificationKind { ReviewRequested, Approved, Rejected, ApprovalStale, Commented }

/// <summary>Something that changed for one person: made by the write path with the change itself.</summary>
public sealed class Notification
{
    public long Id { get; set; }
    /// <summary>The user name it is for.</summary>
    public string Recipient { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string MilestoneId { get; set; } = "";
    public NotificationKind Kind { get; set; }
    /// <summary>What happened, in a line.</summary>
    public string Text { get; set; } = "";
    /// <summary>The revision to look at, where there is one (the diff that made an approval stale).</summary>
    public int? RevisionNumber { get; set; }
    public bool Read { get; set; }
}
