using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Reviews;

/// <summary>The review queue: for a reviewer, what waits for them; for an author, where their milestones stand.</summary>
public sealed class IndexModel(MilestonesDbContext db, WaitingReviews waiting) : PageModel
{
    public List<QueuedMilestone> Waiting { get; private set; } = [];
    public List<QueuedMilestone> Mine { get; private set; } = [];
    public bool IsReviewer { get; private set; }
    public bool IsAuthor { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = User.Identity!.Name!;
        IsReviewer = User.IsInRole(Roles.Reviewer);
        IsAuthor = User.IsInRole(Roles.Author);
        if (IsReviewer)
            Waiting = await waiting.ForAsync(me, cancellationToken);
        if (IsAuthor)
        {
            Mine = await db.Milestones.AsNoTracking()
                .Where(m => m.CreatedBy == me || m.LastEditedBy == me)
                .OrderBy(m => m.Id)
                .Select(m => new QueuedMilestone(m.Id, m.Title, m.Status, m.Review.TechnicalReview.Status, m.Review.BusinessReview.Status, m.LastUpdated))
                .ToListAsync(cancellationToken);
        }
    }
}
