using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChainForge.Milestones.Data;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.Property(n => n.Recipient).HasMaxLength(256);
        notification.Property(n => n.MilestoneId).HasMaxLength(MilestoneLimits.Id).UseCollation("NOCASE");
        notification.Property(n => n.Kind).HasConversion<string>().HasMaxLength(32);
        notification.Property(n => n.Text).HasMaxLength(MilestoneLimits.Line * 2);
        notification.HasOne<Milestone>().WithMany().HasForeignKey(n => n.MilestoneId).OnDelete(DeleteBehavior.Cascade);
        // The navigation counts a person's unread ones on every page.
        notification.HasIndex(n => new { n.Recipient, n.Read, n.Id });
    }
}
