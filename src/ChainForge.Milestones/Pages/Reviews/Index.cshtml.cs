using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Reviews;

/// <summary>The review queue: for a reviewer, what waits for them; for an author, where their milestones stand. Each list a page at a time.</summary>
public sealed class IndexModel(MilestonesDbContext db, NavigationCounts counts, PerDataVersion kept) : PageModel
{
    public const int PageSize = 25;

    public List<QueuedMilestone> Waiting { get; private set; } = [];
    public int WaitingTotal { get; private set; }
    public Pager WaitingPager { get; private set; } = null!;
    public List<QueuedMilestone> Mine { get; private set; } = [];
    public int MineTotal { get; private set; }
    public Pager MinePager { get; private set; } = null!;
    public bool IsReviewer { get; private set; }
    public bool IsAuthor { get; private set; }

    public async Task OnGetAsync(int wp = 1, int mp = 1)
    {
        var me = User.Identity!.Name!;
        IsReviewer = User.IsInRole(Roles.Reviewer);
        IsAuthor = User.IsInRole(Roles.Author);
        var (waitingPage, minePage) = (1, 1);
        if (IsReviewer)
        {
            // Each person's lists are kept per data version (the navigation counts the same one), and paged here.
            var all = await counts.WaitingForAsync(HttpContext, me);
            WaitingTotal = all.Count;
            (waitingPage, var count) = Pager.Of(wp, WaitingTotal, PageSize);
            Waiting = [.. all.Skip((waitingPage - 1) * PageSize).Take(PageSize)];
            WaitingPager = new Pager(waitingPage, count, n => Link(n, minePage));
        }
        if (IsAuthor)
        {
            var all = await kept.GetAsync(HttpContext, $"mine\n{me}", ct => db.Milestones.AsNoTracking()
                .Where(m => m.CreatedBy == me || m.LastEditedBy == me)
                .OrderBy(m => m.Id)
                .Select(m => new QueuedMilestone(m.Id, m.Title, m.Status, m.Review.TechnicalReview.Status, m.Review.BusinessReview.Status, m.LastUpdated))
                .ToListAsync(ct));
            MineTotal = all.Count;
            (minePage, var count) = Pager.Of(mp, MineTotal, PageSize);
            Mine = [.. all.Skip((minePage - 1) * PageSize).Take(PageSize)];
            MinePager = new Pager(minePage, count, n => Link(waitingPage, n));
        }
    }

    private static string Link(int waitingPage, int minePage) =>
        "/reviews" + (waitingPage, minePage) switch
        {
            (1, 1) => "",
            (_, 1) => $"?wp={waitingPage}",
            (1, _) => $"?mp={minePage}",
            _ => $"?wp={waitingPage}&mp={minePage}",
        };
}
