using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Reviews;

/// <summary>A reviewer approves, rejects or sends back one milestone's technical or business review.</summary>
[Authorize(Policy = Roles.Reviewer)]
public sealed class ReviewModel(MilestonesDbContext db, TimeProvider clock) : PageModel
{
    public sealed class DecisionInput
    {
        public ReviewKind Kind { get; set; }
        public ReviewStatus? Status { get; set; }

        [System.ComponentModel.DataAnnotations.DisplayFormat(ConvertEmptyStringToNull = false)]
        public string Comments { get; set; } = "";
        public Guid Version { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public DecisionInput Input { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public Milestone Milestone { get; private set; } = null!;
    public List<ReviewDecision> History { get; private set; } = [];
    public Dictionary<ReviewKind, List<LineDiff.Line?>> ChangesSinceApproval { get; } = [];
    public IReadOnlyList<string> BrokenGates { get; private set; } = [];
    public bool OwnWork { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await db.Milestones.AsNoTracking().FirstOrDefaultAsync(m => m.Id == Id, cancellationToken) is not { } milestone)
            return NotFound();
        await LoadAsync(milestone, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await db.Milestones.FirstOrDefaultAsync(m => m.Id == Id, cancellationToken) is not { } milestone)
            return NotFound();
        var reviewer = User.Identity!.Name!;
        var settings = await TeamSettingsStore.GetAsync(db, cancellationToken);
        if (Input.Status is not { } status)
            ModelState.AddModelError("Input.Status", "Choose APPROVED, REJECTED or PENDING.");
        else if (Input.Version != milestone.Version)
            ModelState.AddModelError("", "The milestone changed since you opened this page. Read it again below, then decide.");
        else
        {
            foreach (var refusal in ReviewWorkflow.Refusals(milestone, status, Input.Comments, reviewer, settings.AllowSelfReview))
                ModelState.AddModelError("Input.Comments", refusal);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(milestone, cancellationToken);
            return Page();
        }

        db.ReviewDecisions.Add(ReviewWorkflow.Decide(milestone, Input.Kind, Input.Status!.Value, Input.Comments, reviewer, clock.GetUtcNow()));
        milestone.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "Someone saved the milestone while you decided. Read it again below, then decide.");
            db.ChangeTracker.Clear();
            await LoadAsync(await db.Milestones.AsNoTracking().FirstAsync(m => m.Id == Id, cancellationToken), cancellationToken);
            return Page();
        }
        Message = $"Recorded: {Input.Kind.ToString().ToLowerInvariant()} review {Input.Status.ToString()!.ToUpperInvariant()}.";
        return RedirectToPage(new { id = milestone.Id });
    }

    private async Task LoadAsync(Milestone milestone, CancellationToken cancellationToken)
    {
        Milestone = milestone;
        var settings = await TeamSettingsStore.GetAsync(db, cancellationToken);
        var reviewer = User.Identity!.Name!;
        OwnWork = !settings.AllowSelfReview && ReviewWorkflow.Refusals(milestone, ReviewStatus.Approved, "", reviewer, false).Count > 0;
        History = await ReviewHistory.AllAsync(db, milestone.Id, cancellationToken);
        BrokenGates = Gates.Broken(milestone);
        var current = ReviewedContent.Markdown(milestone);
        foreach (var stale in History.Where(d => d.Source == ReviewSource.Stale).GroupBy(d => d.Kind).Select(g => g.First()))
        {
            if (ReviewWorkflow.ReviewOf(milestone, stale.Kind).Status == ReviewStatus.Pending && History.First(d => d.Kind == stale.Kind) == stale)
                ChangesSinceApproval[stale.Kind] = LineDiff.Hunks(LineDiff.Unified(stale.ReviewedMarkdown, current));
        }
        if (ModelState.IsValid)
            Input = new DecisionInput { Version = milestone.Version };
        else
            Input.Version = milestone.Version;
    }
}
