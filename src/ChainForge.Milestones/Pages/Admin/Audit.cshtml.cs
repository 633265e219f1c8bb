using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Audit;
using ChainForge.Milestones.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Admin;

/// <summary>Every change of milestones, reviews, accounts, roles and settings: who, when, what, through which channel.</summary>
[Authorize(Policy = Roles.Admin)]
public sealed class AuditModel(MilestonesDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Person { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Milestone { get; set; }

    [BindProperty(SupportsGet = true)]
    public AuditAction? Kind { get; set; }

    /// <summary>Show events older than this one (the last of the previous page): stable while new events arrive.</summary>
    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public List<AuditEvent> Events { get; private set; } = [];
    public bool HasMore { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Person))
            query = query.Where(a => a.Actor == Person.Trim() || a.Account == Person.Trim());
        if (!string.IsNullOrWhiteSpace(Milestone))
            query = query.Where(a => a.MilestoneId == Milestone.Trim());
        if (Kind is { } kind)
            query = query.Where(a => a.Action == kind);
        if (Before is { } before)
            query = query.Where(a => a.Id < before);
        var page = await query.OrderByDescending(a => a.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        HasMore = page.Count > PageSize;
        Events = page.Take(PageSize).ToList();
    }

    /// <summary>The address of the next page: the same filters, older events.</summary>
    public string NextPage() =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["person"] = Person,
            ["milestone"] = Milestone,
            ["kind"] = Kind?.ToString(),
            ["before"] = Events[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
