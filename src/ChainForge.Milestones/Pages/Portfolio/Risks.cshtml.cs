using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Tracking;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace ChainForge.Milestones.Pages.Portfolio;

[OutputCache(PolicyName = SignedInPageCache.PolicyName)]
public sealed class RisksModel(MilestonesDbContext db, TimeProvider clock) : PageModel
{
    public RiskLevel Probability { get; private set; }
    public RiskLevel Impact { get; private set; }
    public List<PortfolioRisk> Risks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? probability, string? impact, CancellationToken cancellationToken)
    {
        if (TemplateSpelling.Parse<RiskLevel>(probability ?? "") is not { } p || TemplateSpelling.Parse<RiskLevel>(impact ?? "") is not { } i)
            return NotFound();
        (Probability, Impact) = (p, i);
        var portfolio = new ChainForge.Milestones.Milestones.Tracking.Portfolio(await TrackingQueries.PortfolioRowsAsync(db, cancellationToken), TrackingQueries.Today(clock));
        Risks = [.. portfolio.RisksAt(p, i).OrderBy(r => r.MilestoneId, StringComparer.OrdinalIgnoreCase)];
        return Page();
    }
}
