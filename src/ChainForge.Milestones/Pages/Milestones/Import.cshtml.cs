using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Hosting;
using ChainForge.Milestones.Milestones;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChainForge.Milestones.Pages.Milestones;

/// <summary>
/// Upload, preview, confirm. The preview stores nothing in the database: what it read is kept on
/// the server for the person (<see cref="ImportPreviews"/>), and the confirm checks it against the
/// store again.
/// </summary>
// Room for the upload and the multipart framing around it.
[RequestSizeLimit(ImportUpload.MaxTotalBytes + (1024 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = ImportUpload.MaxTotalBytes + (1024 * 1024))]
[Authorize(Policy = Roles.Author)]
public sealed class ImportModel(MilestoneChanges changes, ImportPreviews previews, MilestonesMetrics metrics) : PageModel
{
    public const string Busy = "The server is busy with other imports: try again in a moment.";
    public const string Expired = "This preview is no longer kept (it was imported, or it is older than half an hour): choose the files again.";

    [BindProperty]
    public List<IFormFile> Uploads { get; set; } = [];

    /// <summary>The kept preview the confirm form stands for.</summary>
    [BindProperty]
    public string? Preview { get; set; }

    /// <summary>An administrator moving a team's files in stores their reviews as accepted from the file.</summary>
    [BindProperty]
    public bool AcceptRecordedReviews { get; set; }

    public bool IsAdmin => User.IsInRole(Roles.Admin);

    /// <summary>What the confirm will do; set once the upload checked out.</summary>
    public ImportPlan? Plan { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    private string Person => User.Identity!.Name!;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        Preview = null;
        if (Uploads.Count == 0)
            return Refuse(["Choose one or more .md files, or a .zip of them."]);
        var size = Uploads.Sum(u => u.Length);
        if (size > ImportUpload.MaxTotalBytes)
            return Refuse([ImportUpload.TooLarge(size)]);
        using var turn = await previews.TurnAsync(cancellationToken);
        if (turn is null)
            return Refuse([Busy]);
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
        var errors = MilestoneFiles.Check(files.Files, out var read);
        if (errors.Count > 0)
        {
            // Refusals the write path never sees; it counts its own.
            metrics.ImportRefused(errors.Count);
            return Refuse([.. errors.Select(e => e.ToString())]);
        }
        var plan = await changes.PlanImportAsync(Actor.Of(User), read, AcceptRecordedReviews, cancellationToken);
        if (!plan.Succeeded)
            return Refuse([.. plan.Errors.Select(e => e.ToString())]);
        Plan = plan;
        Preview = previews.Keep(Person, new KeptImport(read, files.Files.Sum(f => (long)f.Content.Length)));
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        var token = Preview;
        Preview = null;
        if (previews.Find(Person, token) is not { } kept)
            return Refuse([Expired]);
        using var turn = await previews.TurnAsync(cancellationToken);
        if (turn is null)
            return Refuse([Busy]);
        var plan = await changes.ImportAsync(Actor.Of(User), kept.Read, AcceptRecordedReviews, cancellationToken);
        if (!plan.Succeeded)
            return Refuse([.. plan.Errors.Select(e => e.ToString())]);
        previews.Forget(Person, token!);
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
