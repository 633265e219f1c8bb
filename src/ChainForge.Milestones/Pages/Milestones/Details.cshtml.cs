using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Milestones.Tracking;
using ChainForge.Milestones.Pages.Milestones.Editors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Milestones;

[OutputCache(PolicyName = SignedInPageCache.PolicyName)]
public sealed class DetailsModel(MilestonesDbContext db, MilestoneHtml html, TimeProvider clock, IAuthorizationService authorization) : PageModel
{
    public Milestone Milestone { get; private set; } = null!;

    /// <summary>The milestone's markdown as sanitized HTML.</summary>
    public string Html { get; private set; } = "";

    public IReadOnlyList<SectionTally> Sections { get; private set; } = [];

    public TrackingSummary Tracking { get; private set; } = null!;

    /// <summary>Why the milestone's own status breaks a gate, e.g. a REVIEW imported with placeholders.</summary>
    public IReadOnlyList<string> BrokenGates { get; private set; } = [];

    /// <summary>Each review's latest decision: who made it, and for a stale approval whose change did.</summary>
    public IReadOnlyList<LatestDecision> Reviews { get; private set; } = [];

    /// <summary>Reviewers' comments on sections, open ones first.</summary>
    public List<SectionComment> Comments { get; private set; } = [];

    // The server enforces these on each page; here they only hide what would be refused.
    public bool CanAuthor { get; private set; }
    public bool CanReview { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var stored = await db.Milestones.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new { Milestone = m, Html = EF.Property<string?>(m, MilestonesDbContext.StoredHtml) })
            .FirstOrDefaultAsync(cancellationToken);
        if (stored is null)
            return NotFound();
        var milestone = Milestone = stored.Milestone;
        Sections = SectionProgress.Of(milestone);
        Tracking = TrackingSummary.Of(milestone, TrackingQueries.Today(clock), await TrackingQueries.DependencyGraphAroundAsync(db, milestone, cancellationToken));
        BrokenGates = Gates.Broken(milestone);
        Reviews = await ReviewHistory.LatestStateAsync(db, milestone.Id, cancellationToken);
        Comments = await SectionComments.OfAsync(db, milestone.Id, cancellationToken);
        CanAuthor = (await authorization.AuthorizeAsync(User, Roles.Author)).Succeeded;
        CanReview = (await authorization.AuthorizeAsync(User, Roles.Reviewer)).Succeeded;
        Html = stored.Html ?? html.Render(milestone);
        if (CanAuthor)
            Html = EditorSections.WithAddLinks(Html, milestone.Id);
        return Page();
    }
}
