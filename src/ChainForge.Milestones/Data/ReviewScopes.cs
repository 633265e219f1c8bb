using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Data;

/// <summary>
/// The part of migration <c>TrustedReviews</c> that SQL cannot do: what each stored revision and
/// review decision covers is computed by <see cref="ReviewedContent"/> from its markdown. Runs at
/// start-up after the migrations; a row done once is never read again.
/// </summary>
public static class ReviewScopes
{
    private const int Batch = 500;

    public static async Task BackfillAsync(MilestonesDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        while (await db.Revisions.Where(r => r.TechnicalHash == "").OrderBy(r => r.Id).Take(Batch).ToListAsync(cancellationToken) is { Count: > 0 } revisions)
        {
            foreach (var revision in revisions)
            {
                var milestone = MarkdownImporter.Import(revision.Markdown).Milestone;
                // A revision that no longer reads (none should) gets a hash that matches nothing.
                revision.TechnicalHash = milestone is null ? "unreadable" : ReviewedContent.Hash(milestone, ReviewKind.Technical);
                revision.BusinessHash = milestone is null ? "unreadable" : ReviewedContent.Hash(milestone, ReviewKind.Business);
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        while (await db.ReviewDecisions.Where(d => d.ReviewedHash == "" && d.ReviewedMarkdown != "").OrderBy(d => d.Id).Take(Batch).ToListAsync(cancellationToken) is { Count: > 0 } decisions)
        {
            foreach (var decision in decisions)
            {
                var approved = MarkdownImporter.Import(decision.ReviewedMarkdown).Milestone;
                decision.ReviewedMarkdown = approved is null ? "" : ReviewedContent.Markdown(approved, decision.Kind);
                decision.ReviewedHash = approved is null ? "unreadable" : ReviewedContent.Hash(approved, decision.Kind);
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
