using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ChainForge.Milestones.Data;

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> webhook)
    {
        webhook.Property(w => w.Url).HasMaxLength(WebhookChanges.MaxUrlLength);
        webhook.Property(w => w.CreatedBy).HasMaxLength(256);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    private static readonly ValueConverter<DateTimeOffset, long> UnixMilliseconds =
        new(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));

    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.Property(d => d.Event).HasConversion<string>().HasMaxLength(32);
        delivery.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
        delivery.Property(d => d.MilestoneId).HasMaxLength(MilestoneLimits.Id);
        delivery.Property(d => d.LastError).HasMaxLength(WebhookDispatcher.MaxErrorLength);
        // Compared in queries on every engine: SQLite cannot compare its text form of DateTimeOffset.
        delivery.Property(d => d.NextAttemptAt).HasConversion(UnixMilliseconds);
        delivery.Property(d => d.LeasedUntil).HasConversion(UnixMilliseconds);
        delivery.HasOne<Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
        // The dispatcher's question: what is due.
        delivery.HasIndex(d => new { d.State, d.NextAttemptAt });
        // The log's: a webhook's deliveries, newest first.
        delivery.HasIndex(d => new { d.WebhookId, d.Id });
    }
}
