using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Tracking;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace ChainForge.Milestones.Pages.Portfolio;

/// <summary>The risks of one heatmap cell, a page at a time.</summary>
[OutputCache(PolicyName = SignedInPageCache.PolicyName)]
public sealed class RisksModel(MilestonesDbContext db, PerDataVersion kept) : PageModel
{
    public const int PageSize = 50;

    public RiskLevel Probability { get; private set; }
    public RiskLevel Impact { get; private set; }
    public List<PortfolioRisk> Risks { get; private set; } = [];
    public int Total { get; private set; }
    public Pager Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? probability, string? impact, [FromQuery(Name = "p")] int p = 1, CancellationToken cancellationToken = default)
    {
        if (TemplateSpelling.Parse<RiskLevel>(probability ?? "") is not { } level || TemplateSpelling.Parse<RiskLevel>(impact ?? "") is not { } effect)
            return NotFound();
        (Probability, Impact) = (level, effect);
        // A cell's risks are the same for everyone: read once per data version, paged here.
        var all = await kept.GetAsync(HttpContext, $"risks\n{level}\n{effect}", ct => PortfolioQueries.RisksAtAsync(db, level, effect, ct));
        Total = all.Count;
        var (current, count) = Pager.Of(p, Total, PageSize);
        Risks = [.. all.Skip((current - 1) * PageSize).Take(PageSize)];
        var (pw, iw) = (TemplateSpelling.Write(level), TemplateSpelling.Write(effect));
        Pager = new Pager(current, count, n => $"/portfolio/risks?probability={pw}&impact={iw}&p={n}");
        return Page();
    }
}
