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
public sealed class DetailsModel(MilestonesDbContext db, MilestonePageReader reader, MilestoneHtml html, TimeProvider clock, IAuthorizationService authorization) : PageModel
{
    /// <summary>What the page shows of the milestone itself.</summary>
    public MilestonePageFacts Milestone { get; private set; } = null!;

    /// <summary>The version the page's forms (request review, ticks) were made from.</summary>
    public Guid Version { get; private set; }

    /// <summary>The milestone's markdown as sanitized HTML.</summary>
    public string Html { get; private set; } = "";

    public TrackingSummary Tracking { get; private set; } = null!;

    /// <summary>Each review's latest decision: who made it, and for a stale approval whose change did.</summary>
    public IReadOnlyList<LatestDecision> Reviews { get; private set; } = [];

    /// <summary>Reviewers' comments on sections, open ones first.</summary>
    public List<SectionComment> Comments { get; private set; } = [];

    // The server enforces these on each page; here they only hide what would be refused.
    public bool CanAuthor { get; private set; }
    public bool CanReview { get; private set; }

    // The ID from the route rather than a handler parameter: a parameter brings model binding's
    // value providers onto every view, about 2% of a first view's CPU (benchmarks/LOAD.md).
    public async Task<IActionResult> OnGetAsync()
    {
        var id = (string)RouteData.Values["id"]!;
        var cancellationToken = HttpContext.RequestAborted;
        if (await reader.ReadAsync(db, id, cancellationToken) is not { } stored)
            return NotFound();
        (Version, Reviews, Comments) = (stored.Version, stored.Reviews, stored.Comments);
        var prerequisites = stored.Prerequisites;
        if (stored.Facts is { } facts && stored.Html is { } storedHtml)
            (Milestone, Html) = (facts, storedHtml);
        else if (await db.Milestones.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken) is { } milestone)
        {
            // Stored before the page's parts were, or in an older format of them.
            (Milestone, Html, Version) = (MilestonePageFacts.Of(milestone), html.Render(milestone), milestone.Version);
            prerequisites = await reader.PrerequisitesAsync(db, Milestone.Id, Milestone.NamedIds, cancellationToken);
        }
        else
            return NotFound();
        Tracking = Milestone.Tracking(TrackingQueries.Today(clock), prerequisites);
        CanAuthor = (await authorization.AuthorizeAsync(User, Roles.Author)).Succeeded;
        CanReview = (await authorization.AuthorizeAsync(User, Roles.Reviewer)).Succeeded;
        if (CanAuthor)
            Html = EditorSections.WithAddLinks(Html, Milestone.Id);
        return Page();
    }
}
