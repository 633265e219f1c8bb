using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.Tracking;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace ChainForge.Milestones.Pages.Portfolio;

[OutputCache(PolicyName = SignedInPageCache.PolicyName)]
public sealed class IndexModel(MilestonesDbContext db, TimeProvider clock, PerDataVersion kept) : PageModel
{
    public ChainForge.Milestones.Milestones.Tracking.Portfolio Portfolio { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    /// <summary>Tasks done against tasks planned over every milestone, from the revision history.</summary>
    public BurnUpChart ProgressOverTime { get; private set; } = null!;

    /// <summary>The key of the whole dependency graph among the results kept per data version.</summary>
    public const string WholeGraphKey = "dependency-graph";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = TrackingQueries.Today(clock);
        // The same for everyone: computed once per data version and day.
        Portfolio = await kept.GetAsync(HttpContext, $"portfolio\n{Today:O}", async ct =>
            await PortfolioQueries.ReadAsync(db, Today, await kept.GetAsync(HttpContext, WholeGraphKey, c => TrackingQueries.WholeGraphAsync(db, c)), ct));
        ProgressOverTime = await kept.GetAsync(HttpContext, $"burn-up\n{Today:O}", async ct =>
            new BurnUpChart(BurnUp.Of(await BurnUp.OfPortfolioAsync(db, ct), clock.LocalTimeZone, Today)));
    }
}
