using System.Text.Encodings.Web;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Reviews;

/// <summary>
/// A reviewer approves, rejects or sends back one milestone's technical or business review,
/// with the milestone in front of them: rendered, the parts each review covers marked, and
/// what changed in them since that review's last approval.
/// </summary>
[Authorize(Policy = Roles.Reviewer)]
public sealed class ReviewModel(MilestonesDbContext db, MilestoneChanges changes, MilestoneHtml html) : PageModel
{
    public sealed class DecisionInput
    {
        public ReviewKind Kind { get; set; }
        public ReviewStatus? Status { get; set; }

        [System.ComponentModel.DataAnnotations.DisplayFormat(ConvertEmptyStringToNull = false)]
        public string Comments { get; set; } = "";
        public Guid Version { get; set; }
    }

    /// <summary>What one review's card shows besides the decision form.</summary>
    public sealed record ReviewCard(
        ReviewKind Kind,
        IReadOnlyList<string> Covers,
        bool OwnWork,
        ReviewDecision? LastApproval,
        string ChangesSince,
        List<LineDiff.Line?>? Changes);

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public DecisionInput Input { get; set; } = new();

    public Milestone Milestone { get; private set; } = null!;
    /// <summary>The milestone page's HTML with each heading a review covers marked.</summary>
    public string Html { get; private set; } = "";
    public List<ReviewDecision> History { get; private set; } = [];
    public Dictionary<ReviewKind, ReviewCard> Cards { get; } = [];
    public IReadOnlyList<string> BrokenGates { get; private set; } = [];
    public List<SectionComment> Comments { get; private set; } = [];

    /// <summary>A comment on one section, posted from the form beside the milestone.</summary>
    public sealed class CommentInput
    {
        public string Section { get; set; } = "";

        [System.ComponentModel.DataAnnotations.DisplayFormat(ConvertEmptyStringToNull = false)]
        public string Text { get; set; } = "";
    }

    [BindProperty]
    public CommentInput Comment { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Input.Status is not { } status)
        {
            ModelState.AddModelError("Input.Status", "Choose APPROVED, REJECTED or PENDING.");
            return await LoadAsync(cancellationToken) ? Page() : NotFound();
        }
        var result = await changes.DecideAsync(Actor.Of(User), Id, Input.Kind, status, Input.Comments, Input.Version, cancellationToken);
        switch (result.Outcome)
        {
            case ChangeOutcome.Done:
                OneTimeMessage.Done(TempData, $"Recorded: {Input.Kind.ToString().ToLowerInvariant()} review {TemplateSpelling.Write(status)}.");
                return RedirectToPage(new { id = Id });
            case ChangeOutcome.NotFound:
                return NotFound();
            case ChangeOutcome.Forbidden:
                return Forbid();
            case ChangeOutcome.Stale:
                ModelState.AddModelError("", "The milestone changed since you opened this page. Read it again below, then decide.");
                break;
            default:
                foreach (var refusal in result.Refusals)
                    ModelState.AddModelError("Input.Comments", refusal);
                break;
        }
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCommentAsync(CancellationToken cancellationToken)
    {
        var result = await changes.CommentAsync(Actor.Of(User), Id, Comment.Section, Comment.Text, cancellationToken);
        switch (result.Outcome)
        {
            case ChangeOutcome.Done:
                OneTimeMessage.Done(TempData, $"Comment on {Comment.Section} kept; the people who wrote the milestone are told.");
                return RedirectToPage(new { id = Id });
            case ChangeOutcome.NotFound:
                return NotFound();
            case ChangeOutcome.Forbidden:
                return Forbid();
        }
        foreach (var refusal in result.Refusals)
            ModelState.AddModelError("Comment.Text", refusal);
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await db.Milestones.AsNoTracking().Where(m => m.Id == Id)
            .Select(m => new { Milestone = m, Html = EF.Property<string?>(m, MilestonesDbContext.StoredHtml) })
            .FirstOrDefaultAsync(cancellationToken);
        if (stored is null)
            return false;
        Milestone = stored.Milestone;
        Html = MarkCoveredHeadings(stored.Html ?? html.Render(Milestone));
        History = await ReviewHistory.AllAsync(db, Milestone.Id, cancellationToken);
        BrokenGates = Gates.Broken(Milestone);
        Comments = await SectionComments.OfAsync(db, Milestone.Id, cancellationToken);
        var reviewer = User.Identity!.Name!;
        foreach (var kind in Enum.GetValues<ReviewKind>())
        {
            var mine = History.Where(d => d.Kind == kind);
            var lastApproval = mine.FirstOrDefault(d => d.Status == ReviewStatus.Approved && d.Source is ReviewSource.App or ReviewSource.AcceptedFromFile or ReviewSource.FromLedger);
            // What to compare with: this review's last approval, else this reviewer's last word on it.
            var since = lastApproval ?? mine.FirstOrDefault(d => d.Source == ReviewSource.App && string.Equals(d.Reviewer, reviewer, StringComparison.OrdinalIgnoreCase));
            var current = ReviewedContent.Markdown(Milestone, kind);
            var changed = since is not null && since.ReviewedMarkdown.Length > 0 && since.ReviewedHash != ReviewedContent.Hash(Milestone, kind);
            Cards[kind] = new ReviewCard(
                kind,
                [.. ReviewedContent.PartsOf(kind).Select(p => p.Name)],
                await changes.IsOwnWorkAsync(reviewer, Milestone.Id, kind, cancellationToken),
                lastApproval,
                since is null ? "" : since == lastApproval ? $"its last approval ({since.RecordedAt:yyyy-MM-dd})" : $"your last decision ({since.RecordedAt:yyyy-MM-dd})",
                changed ? LineDiff.Hunks(LineDiff.Unified(since!.ReviewedMarkdown, current)) : null);
        }
        if (ModelState.IsValid)
            Input = new DecisionInput { Version = Milestone.Version };
        else
            Input.Version = Milestone.Version;
        return true;
    }

    /// <summary>Puts a badge naming the reviews that cover it after each heading of the rendered milestone.</summary>
    private static string MarkCoveredHeadings(string rendered)
    {
        foreach (var part in ReviewedContent.Parts)
        {
            var badge = part.CoveredBy switch
            {
                Coverage.Both => "technical · business",
                Coverage.Technical => "technical",
                _ => "business",
            };
            var name = HtmlEncoder.Default.Encode(part.Name);
            foreach (var level in new[] { "h2", "h3" })
            {
                rendered = rendered.Replace($">{name}</{level}>",
                    $">{name} <span class=\"badge rounded-pill text-bg-light border fw-normal small align-middle\" data-covered-by=\"{part.CoveredBy}\">{badge}</span></{level}>",
                    StringComparison.Ordinal);
            }
        }
        return rendered;
    }
}
