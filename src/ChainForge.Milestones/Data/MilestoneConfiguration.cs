using ChainForge.Milestones.Milestones;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChainForge.Milestones.Data;

/// <summary>
/// The information and progress fields that lists and filters query are columns; each
/// template section with lists is one JSON column, which keeps its items in order.
/// </summary>
internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> milestone)
    {
        milestone.HasKey(m => m.Id);
        milestone.Property<string?>(MilestonesDbContext.StoredMarkdown);
        milestone.Property<string?>(MilestonesDbContext.StoredHtml);
        milestone.Property<string?>(MilestonesDbContext.StoredPageFacts);
        milestone.Property<string?>(MilestonesDbContext.IdOrder).HasMaxLength(SearchText.MaxKeyLength);
        milestone.Property<string?>(MilestonesDbContext.TitleOrder).HasMaxLength(SearchText.MaxKeyLength);
        milestone.Property<string?>(MilestonesDbContext.SearchTitle);
        milestone.Property<string?>(MilestonesDbContext.SearchBody);
        // IDs are file names too: M-007 and m-007 would collide on many file systems.
        milestone.Property(m => m.Id).HasMaxLength(MilestoneLimits.Id).UseCollation("NOCASE");
        milestone.Property(m => m.Title).HasMaxLength(MilestoneLimits.Line);
        milestone.Property(m => m.AssignedTo).HasMaxLength(MilestoneLimits.Line);
        milestone.Property(m => m.Priority).HasConversion<string>().HasMaxLength(16);
        milestone.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        milestone.Property(m => m.Version).IsConcurrencyToken();
        milestone.Property(m => m.CreatedBy).HasMaxLength(256);
        milestone.Property(m => m.LastEditedBy).HasMaxLength(256);
        milestone.PrimitiveCollection(m => m.Dependencies);
        milestone.Property(m => m.ArchivedBy).HasMaxLength(256);
        // An archived milestone is out of every list, query and count; the archive and the
        // checks that keep its ID taken ask for it with IgnoreQueryFilters.
        milestone.HasQueryFilter(m => m.ArchivedAt == null);

        milestone.ComplexProperty(m => m.Requirements, c => c.ToJson());
        milestone.ComplexProperty(m => m.Design, c => c.ToJson());
        milestone.ComplexProperty(m => m.ImplementationPlan, c => c.ToJson());
        milestone.ComplexProperty(m => m.AcceptanceCriteria, c => c.ToJson());
        milestone.ComplexProperty(m => m.Testing, c => c.ToJson());
        milestone.ComplexProperty(m => m.Risks, c =>
        {
            c.ToJson();
            c.ComplexCollection(r => r.TechnicalRisks, Levels);
            c.ComplexCollection(r => r.BusinessRisks, Levels);
        });
        milestone.ComplexProperty(m => m.Metrics, c => c.ToJson());
        milestone.ComplexProperty(m => m.DependencyTracking, c => c.ToJson());
        milestone.ComplexProperty(m => m.Documentation, c => c.ToJson());
        milestone.ComplexProperty(m => m.Review, c =>
        {
            c.ToJson();
            c.ComplexProperty(r => r.TechnicalReview, r => r.Property(x => x.Status).HasConversion<string>());
            c.ComplexProperty(r => r.BusinessReview, r => r.Property(x => x.Status).HasConversion<string>());
        });
        milestone.ComplexProperty(m => m.Checkpoints, c => c.ToJson());
        milestone.ComplexCollection(m => m.ExtraSections, c => c.ToJson());

        milestone.HasIndex(m => m.Status);
        milestone.HasIndex(m => m.Priority);
        // The list sorts by these (and filters by phase and assignee); the ID breaks ties, so that
        // a page deep in the list is read in index order instead of sorted in a temporary B-tree.
        milestone.HasIndex(m => new { m.Phase, m.Id });
        milestone.HasIndex(m => new { m.AssignedTo, m.Id });
        milestone.HasIndex(m => new { m.LastUpdated, m.Id });
        milestone.HasIndex(m => new { m.Progress, m.Id });
        milestone.HasIndex(MilestonesDbContext.IdOrder, nameof(Milestone.Id));
        milestone.HasIndex(MilestonesDbContext.TitleOrder, nameof(Milestone.Id));
    }

    private static void Levels(ComplexCollectionBuilder<Risk> risk)
    {
        risk.Property(r => r.Probability).HasConversion<string>();
        risk.Property(r => r.Impact).HasConversion<string>();
    }
}
