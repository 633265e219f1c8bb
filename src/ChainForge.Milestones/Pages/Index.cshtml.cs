using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages;

public sealed class IndexModel(MilestonesDbContext db) : PageModel
{
    public sealed record Row(string Id, string Title, MilestoneStatus? Status, int? Progress);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rows = await db.Milestones.AsNoTracking().OrderBy(m => m.Id)
            .Select(m => new Row(m.Id, m.Title, m.Status, m.Progress))
            .Take(100)
            .ToListAsync(cancellationToken);
}
