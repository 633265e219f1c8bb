using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.History;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.History;

public sealed class DiffModel(MilestonesDbContext db) : PageModel
{
    public sealed record Side(int Number, RevisionKind Kind, string Author, DateTimeOffset SavedAt, string Markdown);

    public string Id { get; private set; } = "";
    public Side From { get; private set; } = null!;
    public Side To { get; private set; } = null!;
    public RevisionDiff Diff { get; private set; } = null!;
    public bool Unified { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, int from, int to, string? view, CancellationToken cancellationToken)
    {
        var sides = await db.Revisions.AsNoTracking().Where(r => r.MilestoneId == id && (r.Number == from || r.Number == to))
            .Select(r => new Side(r.Number, r.Kind, r.Author, r.SavedAt, r.Markdown)).ToListAsync(cancellationToken);
        if (sides.Find(s => s.Number == from) is not { } older || sides.Find(s => s.Number == to) is not { } newer)
            return NotFound();
        Id = await db.Milestones.Where(m => m.Id == id).Select(m => m.Id).SingleAsync(cancellationToken);
        (From, To) = (older, newer);
        Unified = view == "unified";
        Diff = new RevisionDiff(older.Markdown, newer.Markdown);
        return Page();
    }

    public static string RowClass(LineChange change) => change switch
    {
        LineChange.Inserted => "table-success",
        LineChange.Deleted => "table-danger",
        LineChange.Modified => "table-warning",
        LineChange.Missing => "table-light",
        _ => "",
    };
}
