using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.History;
using ChainForge.Milestones.Milestones.Tracking;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.History;

public sealed class IndexModel(MilestonesDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(int Number, RevisionKind Kind, string Author, DateTimeOffset SavedAt);

    public string Id { get; private set; } = "";
    public string Title { get; private set; } = "";
    public List<Row> Rows { get; private set; } = [];

    /// <summary>Tasks done against tasks planned, from these revisions.</summary>
    public BurnUpChart ProgressOverTime { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var milestone = await db.Milestones.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.Id, m.Title }).SingleOrDefaultAsync(cancellationToken);
        if (milestone is null)
            return NotFound();
        (Id, Title) = (milestone.Id, milestone.Title);
        Rows = await db.Revisions.AsNoTracking().Where(r => r.MilestoneId == id).OrderByDescending(r => r.Number)
            .Select(r => new Row(r.Number, r.Kind, r.Author, r.SavedAt)).ToListAsync(cancellationToken);
        ProgressOverTime = new BurnUpChart(BurnUp.Of(await BurnUp.OfMilestoneAsync(db, milestone.Id, cancellationToken), clock.LocalTimeZone, TrackingQueries.Today(clock)));
        return Page();
    }
}
