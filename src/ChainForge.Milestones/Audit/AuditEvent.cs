namespace ChainForge.Milestones.Audit;

/// <summary>Where a change came from.</summary>
public enum Channel { Web, CommandLine, Api }

/// <summary>What kind of change an audit event records.</summary>
public enum AuditAction
{
    MilestoneCreated,
    MilestoneEdited,
    MilestoneImported,
    MilestoneRestored,
    ReviewRequested,
    ReviewDecided,
    ReviewsAcceptedFromFile,
    SignedApprovalsImported,
    SectionCommented,
    CommentResolved,
    MilestoneArchived,
    MilestoneUnarchived,
    MilestonePurged,
    MilestoneSeeded,
    AccountCreated,
    RolesChanged,
    PasswordReset,
    PasswordChanged,
    TeamSettingsChanged,
    TokenCreated,
    TokenRevoked,
    WebhookRegistered,
    WebhookChanged,
    WebhookRemoved,
    WebhookDeliveryReplayed,
}

/// <summary>One change of stored data: who made it, when, through which channel, to what.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The account that made the change; "command line" for the server's operator.</summary>
    public string Actor { get; set; } = "";
    public Channel Channel { get; set; }
    public AuditAction Action { get; set; }
    /// <summary>The milestone changed, if the change was to one.</summary>
    public string? MilestoneId { get; set; }
    /// <summary>The account changed, if the change was to one.</summary>
    public string? Account { get; set; }
    /// <summary>What changed, in a line: never milestone content or a secret.</summary>
    public string Details { get; set; } = "";
}
