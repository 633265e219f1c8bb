using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Tracking;
using ChainForge.Milestones.Pages.Milestones.Editors;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChainForge.Milestones.Pages.Milestones;

/// <summary>
/// What the new and edit pages share: the milestone bound from the whole form, the list
/// edits that work without JavaScript (the form is posted, the list changed, the form shown
/// again; nothing saved, nothing lost), the markdown preview, and validation.
/// </summary>
public abstract class MilestoneFormModel(MilestonesDbContext db, IValidator<Milestone> validator) : PageModel
{
    protected MilestonesDbContext Db { get; } = db;

    [BindProperty]
    public Milestone Milestone { get; set; } = new();

    /// <summary>The markdown of the stored version the user started from, to show what someone else changed since.</summary>
    [BindProperty]
    public string StartedFrom { get; set; } = "";

    /// <summary>What someone else saved since the user started, when their save was refused for it.</summary>
    public List<ChainForge.Milestones.Milestones.LineDiff.Line?>? OtherChanges { get; protected set; }

    public abstract bool IsNew { get; }

    /// <summary>After a merge with someone else's save: the lines both changed, for the person to choose.</summary>
    public IReadOnlyList<MergeCollision> Collisions { get; protected set; } = [];

    /// <summary>Entries of the Dependencies line that name no milestone: a warning, as it may be created later.</summary>
    public IReadOnlyList<string> UnknownDependencies { get; private set; } = [];

    /// <summary>Whenever the form is shown (opened, refused, a list changed), its dependencies are checked.</summary>
    [NonHandler]
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        if (executed.Result is PageResult && executed.Exception is null)
            UnknownDependencies = await TrackingQueries.UnknownDependenciesAsync(Db, Milestone, HttpContext.RequestAborted);
    }

    /// <summary>A list button without JavaScript: <c>operation|path|index</c>.</summary>
    public IActionResult OnPostList(string? listEdit)
    {
        KeepRouteId();
        MilestoneLists.TryApply(Milestone, listEdit);
        // The form is shown from the changed model, not from what was posted under the old indexes.
        ModelState.Clear();
        return Page();
    }

    public ContentResult OnPostPreview(string? markdown) => Content(MarkdownHtml.Render(markdown ?? ""), "text/html");

    /// <summary>Normalizes the milestone and puts each broken rule in ModelState under its field's name.</summary>
    protected async Task<bool> ValidateAsync(CancellationToken cancellationToken)
    {
        MilestoneNormalizer.Normalize(Milestone);
        var result = await validator.ValidateAsync(Milestone, cancellationToken);
        foreach (var error in result.Errors)
            ModelState.AddModelError($"{nameof(Milestone)}.{error.PropertyName}", error.ErrorMessage);
        return ModelState.IsValid;
    }

    /// <summary>The form again, with why the change was refused beside the Status field (the gates say why).</summary>
    protected PageResult Refuse(IReadOnlyList<string> refusals)
    {
        ArgumentNullException.ThrowIfNull(refusals);
        foreach (var refusal in refusals)
            ModelState.AddModelError($"{nameof(Milestone)}.{nameof(Milestone.Status)}", refusal);
        return Page();
    }

    /// <summary>On the edit page the ID comes from the address, never from the form.</summary>
    protected virtual void KeepRouteId()
    {
    }

    /// <summary>The milestone page, after a save, saying what was saved.</summary>
    protected LocalRedirectResult RedirectToMilestone(string saved)
    {
        OneTimeMessage.Done(TempData, saved);
        return LocalRedirect($"/milestones/{Uri.EscapeDataString(Milestone.Id)}");
    }

    protected static string Markdown(Milestone milestone) => MarkdownExporter.Export(milestone);
}
