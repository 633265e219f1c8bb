using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChainForge.Milestones.Data;

internal sealed class SectionCommentConfiguration : IEntityTypeConfiguration<SectionComment>
{
    public void Configure(EntityTypeBuilder<SectionComment> comment)
    {
        comment.Property(c => c.MilestoneId).HasMaxLength(MilestoneLimits.Id).UseCollation("NOCASE");
        comment.Property(c => c.Section).HasMaxLength(64);
        comment.Property(c => c.Text).HasMaxLength(SectionComments.MaxLength);
        comment.Property(c => c.Reviewer).HasMaxLength(256);
        comment.Property(c => c.ResolvedBy).HasMaxLength(256);
        comment.HasOne<Milestone>().WithMany().HasForeignKey(c => c.MilestoneId).OnDelete(DeleteBehavior.Cascade);
        comment.HasIndex(c => new { c.MilestoneId, c.Id });
    }
}
