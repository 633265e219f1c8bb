using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.Tracking;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace ChainForge.Milestones.Pages.Portfolio;

[OutputCache(PolicyName = SignedInPageCache.PolicyName)]
public sealed class IndexModel(MilestonesDbContext db, TimeProvider clock) : PageModel
{
    public ChainForge.Milestones.Milestones.Tracking.Portfolio Portfolio { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = TrackingQueries.Today(clock);
        Portfolio = new ChainForge.Milestones.Milestones.Tracking.Portfolio(await TrackingQueries.PortfolioRowsAsync(db, cancellationToken), Today);
    }
}
