using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChainForge.Milestones.Pages.Milestones;

/// <summary>Downloads one milestone as its canonical <c>{ID}.md</c> file.</summary>
[Authorize(Policy = Roles.Author)]
public sealed class ExportModel(MilestonesDbContext db) : PageModel
{
    public const string MarkdownContentType = "text/markdown; charset=utf-8";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await MilestoneFiles.ReadFileAsync(db, id, cancellationToken) is not { } file)
            return NotFound();
        return File(file.Content, MarkdownContentType, file.FileName);
    }
}
