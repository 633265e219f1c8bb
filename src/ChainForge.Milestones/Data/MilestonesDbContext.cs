using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.History;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Data;

/// <summary>
/// The store's one model. Each engine has a context type of its own (<see cref="SqliteMilestonesDbContext"/>,
/// <see cref="PostgreSqlMilestonesDbContext"/>) that names its migrations; everything else asks for this one.
/// </summary>
/// <remarks>New migrations, one per engine: <c>bash src/ChainForge.Milestones/Data/add-migration NAME</c>.</remarks>
public abstract class MilestonesDbContext(DbContextOptions options) : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// A shadow column of each milestone holding its canonical file, written by every save, so
    /// that a download reads one column instead of materializing the whole milestone (about half
    /// of its CPU, benchmarks/LOAD.md). Null for a row stored before the column existed.
    /// </summary>
    public const string StoredMarkdown = "Markdown";

    /// <summary>
    /// A shadow column holding that file as the milestone page's sanitized HTML, also written by
    /// every save: rendering it (Markdig, then the sanitizer) was half of the page's CPU. Null for
    /// a row stored before the column existed. A change to <see cref="MilestoneHtml.ForPage"/> needs a
    /// migration that sets the column to NULL, so that pages are rendered anew.
    /// </summary>
    public const string StoredHtml = "Html";

    /// <summary>
    /// A shadow column holding what the milestone's page shows of it beside its HTML
    /// (<see cref="MilestonePageFacts"/>, as JSON), also written by every save, so that a first view
    /// reads a few columns without EF Core (Pages/Milestones/MilestonePageReader.cs). Null for a row
    /// stored before the column existed; facts of an older format are made again from the row.
    /// </summary>
    public const string StoredPageFacts = "PageFacts";

    /// <summary>
    /// Shadow columns for the list's natural order (<see cref="SearchText.NaturalKey"/>: M-2 before
    /// M-10), and the folded text the full-text search indexes (<see cref="MilestoneSearch"/>), all
    /// written by every save. Null for a row stored before they existed, until the start-up fills
    /// them in (<see cref="MilestoneSearch.BackfillAsync"/>).
    /// </summary>
    public const string IdOrder = "IdOrder", TitleOrder = "TitleOrder", SearchTitle = "SearchTitle", SearchBody = "SearchBody";

    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<ReviewDecision> ReviewDecisions => Set<ReviewDecision>();
    public DbSet<TeamSettings> TeamSettings => Set<TeamSettings>();
    public DbSet<Revision> Revisions => Set<Revision>();
    public DbSet<Audit.AuditEvent> AuditEvents => Set<Audit.AuditEvent>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<SectionComment> SectionComments => Set<SectionComment>();
    public DbSet<Accounts.AccessToken> AccessTokens => Set<Accounts.AccessToken>();
    public DbSet<ApprovalSigningKey> ApprovalSigningKeys => Set<ApprovalSigningKey>();
    public DbSet<Webhooks.Webhook> Webhooks => Set<Webhooks.Webhook>();
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();

    /// <summary>The keys of sign-in cookies and antiforgery tokens, shared by every instance (Hosting/SharedKeys.cs).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MilestonesDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StoreRenderings();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StoreRenderings();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Every milestone written carries its export, its page's HTML and facts, its sort keys and search text: whatever wrote it (an
    // edit, an import, a review, a restore, the seed), neither can fall behind the row.
    private void StoreRenderings()
    {
        ChangeTracker.DetectChanges();
        foreach (var entry in ChangeTracker.Entries<Milestone>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
                continue;
            var markdown = MarkdownExporter.Export(entry.Entity);
            entry.Property<string?>(StoredMarkdown).CurrentValue = markdown;
            entry.Property<string?>(StoredHtml).CurrentValue = MilestoneHtml.ForPage(entry.Entity);
            entry.Property<string?>(StoredPageFacts).CurrentValue = MilestonePageFacts.Of(entry.Entity).ToJson();
            entry.Property<string?>(IdOrder).CurrentValue = SearchText.NaturalKey(entry.Entity.Id);
            entry.Property<string?>(TitleOrder).CurrentValue = SearchText.NaturalKey(entry.Entity.Title);
            entry.Property<string?>(SearchTitle).CurrentValue = SearchText.TitleOf(entry.Entity);
            entry.Property<string?>(SearchBody).CurrentValue = SearchText.BodyOf(entry.Entity);
        }
    }
}
