using ChainForge.Milestones.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChainForge.Milestones.Pages.Portfolio;

public sealed class IndexModel(MilestonesDbContext db, TimeProvider clock) : PageModel
{
    public Milestones.Tracking.Portfolio Portfolio { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = PortfolioRows.Today(clock);
        Portfolio = new Milestones.Tracking.Portfolio(await PortfolioRows.LoadAsync(db, cancellationToken), Today);
    }
}
