using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Reviews;

/// <summary>The review queue: for a reviewer, what waits for them; for an author, where their milestones stand.</summary>
public sealed class IndexModel(MilestonesDbContext db) : PageModel
{
    public sealed record Row(string Id, string Title, MilestoneStatus? Status, ReviewStatus? Technical, ReviewStatus? Business, DateOnly? LastUpdated);

    public List<Row> Waiting { get; private set; } = [];
    public List<Row> Mine { get; private set; } = [];
    public bool IsReviewer { get; private set; }
    public bool IsAuthor { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = User.Identity!.Name!;
        IsReviewer = User.IsInRole(Roles.Reviewer);
        IsAuthor = User.IsInRole(Roles.Author);
        if (IsReviewer)
        {
            var allowSelfReview = (await TeamSettingsStore.GetAsync(db, cancellationToken)).AllowSelfReview;
            var inReview = await db.Milestones.AsNoTracking()
                .Where(m => m.Status == MilestoneStatus.Review)
                .Where(m => allowSelfReview || (m.CreatedBy != me && m.LastEditedBy != me))
                .OrderBy(m => m.LastUpdated).ThenBy(m => m.Id)
                .Select(m => new { m.Id, m.Title, m.Status, m.LastUpdated, m.Review })
                .ToListAsync(cancellationToken);
            Waiting = [.. inReview
                .Where(m => m.Review.TechnicalReview.Status != ReviewStatus.Approved || m.Review.BusinessReview.Status != ReviewStatus.Approved)
                .Select(m => new Row(m.Id, m.Title, m.Status, m.Review.TechnicalReview.Status, m.Review.BusinessReview.Status, m.LastUpdated))];
        }
        if (IsAuthor)
        {
            var mine = await db.Milestones.AsNoTracking()
                .Where(m => m.CreatedBy == me || m.LastEditedBy == me)
                .OrderBy(m => m.Id)
                .Select(m => new { m.Id, m.Title, m.Status, m.LastUpdated, m.Review })
                .ToListAsync(cancellationToken);
            Mine = [.. mine.Select(m => new Row(m.Id, m.Title, m.Status, m.Review.TechnicalReview.Status, m.Review.BusinessReview.Status, m.LastUpdated))];
        }
    }
}
