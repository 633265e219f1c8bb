using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.History;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.History;

// Revisions never change: a diff asked for again is served from the page cache, not computed again.
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = SignedInPageCache.PolicyName)]
public sealed class DiffModel(MilestonesDbContext db) : PageModel
{
    public sealed record Side(int Number, RevisionKind Kind, string Author, DateTimeOffset SavedAt, string Markdown);

    public string Id { get; private set; } = "";
    public Side From { get; private set; } = null!;
    public Side To { get; private set; } = null!;
    public RevisionDiff Diff { get; private set; } = null!;
    public bool Unified { get; private set; }
    /// <summary>The unified view: changed lines with a little context, as the editor's conflict diff shows them.</summary>
    public List<LineDiff.Line?> UnifiedHunks { get; private set; } = [];
    /// <summary>The side-by-side view folded the same way; a null row stands for unchanged lines left out.</summary>
    public List<SideBySideRow?> SideBySideHunks { get; private set; } = [];

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
        // A three-line change in a 230-line file shows as three lines with their context, not the whole file.
        if (Unified)
            UnifiedHunks = LineDiff.Hunks(Diff.Unified);
        else
            SideBySideHunks = LineDiff.Hunks(Diff.SideBySide, r => r.Changed);
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
