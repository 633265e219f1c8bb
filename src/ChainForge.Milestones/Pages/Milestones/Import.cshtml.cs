using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Hosting;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
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

    /// <summary>The kept files (<see cref="ImportPreviews"/>) the forms stand for.</summary>
    [BindProperty]
    public string? Preview { get; set; }

    /// <summary>An administrator moving a team's files in stores their reviews as accepted from the file.</summary>
    [BindProperty]
    public bool AcceptRecordedReviews { get; set; }

    public bool IsAdmin => User.IsInRole(Roles.Admin);

    /// <summary>What the confirm will do; set once every kept file checked out.</summary>
    public ImportPlan? Plan { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The files kept for this import, each with how many of the errors are its own.</summary>
    public IReadOnlyList<(MilestoneFile File, int Errors)> Files { get; private set; } = [];

    /// <summary>For each milestone the import replaces, the lines of its file that change (with a little context).</summary>
    public IReadOnlyDictionary<string, List<LineDiff.Line?>> Changes { get; private set; } = new Dictionary<string, List<LineDiff.Line?>>();

    private string Person => User.Identity!.Name!;

    public void OnGet()
    {
    }

    /// <summary>Reads the chosen files, with those kept from the previous preview (a file of the same name replaces its kept one), and previews them all.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        var kept = previews.Find(Person, Preview);
        if (Uploads.Count == 0 && kept is null)
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
        var chosen = ImportUpload.Read(contents);
        return await PreviewAsync(ImportUpload.Merge(kept?.Files ?? [], chosen.Files), chosen.Errors, cancellationToken);
    }

    /// <summary>Leaves one kept file out of the import, and previews the rest.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(string path, CancellationToken cancellationToken)
    {
        if (previews.Find(Person, Preview) is not { } kept)
            return Refuse([Expired]);
        using var turn = await previews.TurnAsync(cancellationToken);
        if (turn is null)
            return Refuse([Busy]);
        var files = kept.Files.Where(f => f.Path != path).ToList();
        if (files.Count > 0)
            return await PreviewAsync(files, [], cancellationToken);
        previews.Forget(Person, Preview!);
        Preview = null;
        return Refuse(["Choose one or more .md files, or a .zip of them."]);
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        var token = Preview;
        if (previews.Find(Person, token) is not { Read: { } read })
        {
            Preview = null;
            return Refuse([Expired]);
        }
        using var turn = await previews.TurnAsync(cancellationToken);
        if (turn is null)
            return Refuse([Busy]);
        var plan = await changes.ImportAsync(Actor.Of(User), read, AcceptRecordedReviews, cancellationToken);
        if (!plan.Succeeded)
            return Refuse([.. plan.Errors.Select(e => e.ToString())]);
        previews.Forget(Person, token!);
        OneTimeMessage.Done(TempData, $"Imported {plan.Milestones.Count} milestone(s): {plan.Count(ImportAction.Create)} created, {plan.Count(ImportAction.Replace)} replaced, {plan.Count(ImportAction.Unchanged)} unchanged.");
        return Redirect("/");
    }

    /// <summary>Checks the files and plans their import; keeps them either way, so that a fix needs only the fixed file.</summary>
    private async Task<IActionResult> PreviewAsync(IReadOnlyList<MilestoneFile> files, IReadOnlyList<string> uploadErrors, CancellationToken cancellationToken)
    {
        var bytes = new KeptImport(files, null).Bytes;
        // Too much together: the files kept so far stay kept, as they were.
        if (bytes > ImportUpload.MaxTotalBytes)
            return Refuse([ImportUpload.TooLarge(bytes)]);
        var previous = Preview;
        var fileErrors = MilestoneFiles.Check(files, out var read).ToList();
        if (fileErrors.Count > 0)
            metrics.ImportRefused(fileErrors.Count); // refusals the write path never sees; it counts its own
        ImportPlan? plan = null;
        if (uploadErrors.Count == 0 && fileErrors.Count == 0)
        {
            plan = await changes.PlanImportAsync(Actor.Of(User), read, AcceptRecordedReviews, cancellationToken);
            fileErrors.AddRange(plan.Errors);
        }
        Preview = previews.Keep(Person, new KeptImport(files, fileErrors.Count == 0 && uploadErrors.Count == 0 ? read : null));
        if (previous is not null)
            previews.Forget(Person, previous);
        Files = [.. files.Select(f => (f, fileErrors.Count(e => e.Path == f.Path)))];
        if (uploadErrors.Count > 0 || fileErrors.Count > 0)
        {
            Errors = [.. uploadErrors, .. fileErrors.Select(e => e.ToString())];
            return Page();
        }
        Plan = plan;
        Changes = plan!.Milestones.Where(m => m is { Action: ImportAction.Replace, Before: not null })
            .ToDictionary(m => m.Milestone.Id, m => LineDiff.Hunks(LineDiff.Unified(MarkdownExporter.Export(m.Before!), MarkdownExporter.Export(m.Milestone))));
        return Page();
    }

    /// <summary>The page with <paramref name="errors"/>; the files kept so far stay kept, for another try.</summary>
    private PageResult Refuse(IReadOnlyList<string> errors)
    {
        Errors = errors;
        Plan = null;
        Files = [.. (previews.Find(Person, Preview)?.Files ?? []).Select(f => (f, 0))];
        return Page();
    }
}
