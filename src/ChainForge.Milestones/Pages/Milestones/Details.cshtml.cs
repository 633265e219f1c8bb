using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Milestones;

public sealed class DetailsModel(MilestonesDbContext db, MilestoneHtml html) : PageModel
{
    public Milestone Milestone { get; private set; } = null!;

    /// <summary>The milestone's markdown as sanitized HTML.</summary>
    public string Html { get; private set; } = "";

    public IReadOnlyList<SectionTally> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await db.Milestones.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken) is not { } milestone)
            return NotFound();
        Milestone = milestone;
        Html = html.Render(milestone);
        Sections = SectionProgress.Of(milestone);
        return Page();
    }
}
