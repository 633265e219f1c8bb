using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;

namespace ChainForge.Milestones.Audit;

/// <summary>Adds audit events to the unit of work that makes the change, so that both are stored or neither.</summary>
public static class AuditLog
{
    public static AuditEvent Add(MilestonesDbContext db, Actor actor, AuditAction action, DateTimeOffset at, string details, string? milestoneId = null, string? account = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var entry = new AuditEvent
        {
            At = at,
            Actor = actor.Name,
            Channel = actor.Channel,
            Action = action,
            MilestoneId = milestoneId,
            Account = account,
            Details = details.Length <= Limit ? details : details[..(Limit - 1)] + "…",
        };
        db.AuditEvents.Add(entry);
        return entry;
    }

    private const int Limit = 1000;
}
