using ChainForge.Milestones.Accounts;
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
public sealed class ImportModel(MilestoneChanges changes) : PageModel
{
    [BindProperty]
    public List<IFormFile> Uploads { get; set; } = [];

    [BindProperty]
    public string? Bundle { get; set; }

    /// <summary>An administrator moving a team's files in stores their reviews as accepted from the file.</summary>
    [BindProperty]
    public bool AcceptRecordedReviews { get; set; }

    public bool IsAdmin => User.IsInRole(Roles.Admin);

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
        var plan = await changes.PlanImportAsync(Actor.Of(User), files.Files, AcceptRecordedReviews, cancellationToken);
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
        var plan = await changes.ImportAsync(Actor.Of(User), files.Files, AcceptRecordedReviews, cancellationToken);
        if (!plan.Succeeded)
            return Refuse([.. plan.Errors.Select(e => e.ToString())]);
        TempData["Message"] = $"Imported {plan.Milestones.Count} milestone(s): {plan.Count(ImportAction.Create)} created, {plan.Count(ImportAction.Replace)} replaced, {plan.Count(ImportAction.Unchanged)} unchanged.";
        return Redirect("/");
    }

    private PageResult Refuse(IReadOnlyList<string> errors)
    {
        Errors = errors;
        Plan = null;
        return Page();
    }
}
