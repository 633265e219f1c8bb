using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChainForge.Milestones.Pages.Milestones;

/// <summary>
/// Upload, preview, confirm. The preview stores nothing: the files travel back with the
/// confirm form in one hidden field, and the confirm checks them all again.
/// </summary>
// Room for the upload and for the hidden field carrying it back (base64 makes it a third larger).
[RequestSizeLimit(2 * ImportUpload.MaxTotalBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = 2 * ImportUpload.MaxTotalBytes, ValueLengthLimit = 2 * ImportUpload.MaxTotalBytes)]
[Authorize(Policy = Roles.Author)]
public sealed class ImportModel(MilestonesDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public List<IFormFile> Uploads { get; set; } = [];

    [BindProperty]
    public string? Bundle { get; set; }

    /// <summary>What the confirm will do; set once the upload checked out.</summary>
    public ImportPlan? Plan { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        Bundle = null;
        if (Uploads.Count == 0)
            return Refuse(["Choose one or more .md files, or a .zip of them."]);
        var size = Uploads.Sum(u => u.Length);
        if (size > ImportUpload.MaxTotalBytes)
            return Refuse([ImportUpload.TooLarge(size)]);
        var contents = new List<(string, byte[])>();
        foreach (var upload in Uploads)
        {
            using var bytes = new MemoryStream();
            await upload.CopyToAsync(bytes, cancellationToken);
            contents.Add((Path.GetFileName(upload.FileName), bytes.ToArray()));
        }
        var files = ImportUpload.Read(contents);
        if (!files.Succeeded)
            return Refuse(files.Errors);
        var plan = await MilestoneFiles.PlanAsync(db, files.Files, cancellationToken);
        if (!plan.Succeeded)
            return Refuse([.. plan.Errors.Select(e => e.ToString())]);
        Plan = plan;
        Bundle = ImportUpload.Pack(files.Files);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        var files = ImportUpload.Unpack(Bundle ?? "");
        Bundle = null;
        if (!files.Succeeded)
            return Refuse(files.Errors);
        var plan = await MilestoneFiles.ImportAsync(db, files.Files, User.Identity!.Name!, clock, cancellationToken);
        if (!plan.Succeeded)
            return Refuse([.. plan.Errors.Select(e => e.ToString())]);
        var replaced = plan.Milestones.Count(m => m.Replaces);
        TempData["Message"] = $"Imported {plan.Milestones.Count} milestone(s): {plan.Milestones.Count - replaced} created, {replaced} replaced.";
        return Redirect("/");
    }

    private PageResult Refuse(IReadOnlyList<string> errors)
    {
        Errors = errors;
        Plan = null;
        return Page();
    }
}
