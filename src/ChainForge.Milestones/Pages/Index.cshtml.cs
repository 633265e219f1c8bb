using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Tracking;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.WebUtilities;

namespace ChainForge.Milestones.Pages;

[OutputCache(PolicyName = SignedInPageCache.PolicyName)]
public sealed class IndexModel(MilestonesDbContext db, TimeProvider clock, PerDataVersion kept) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public MilestoneStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public Priority? Priority { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Phase { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Assignee { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Dir { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Blocked { get; set; }

    // "page" is taken: Razor Pages routes by a route value of that name.
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public MilestoneListPage List { get; private set; } = null!;

    public bool Descending => Dir == "desc";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = new MilestoneListQuery(Search, Status, Priority, Phase, Assignee, Sort, Descending, PageNumber, Overdue, Blocked);
        var blocked = Blocked ? (await kept.GetAsync(HttpContext, Portfolio.IndexModel.WholeGraphKey, ct => TrackingQueries.WholeGraphAsync(db, ct))).BlockedIds : null;
        List = await MilestoneList.LoadAsync(db, query, TrackingQueries.Today(clock), blocked, cancellationToken);
    }

    /// <summary>This list's address with the current search and filters, and the given sort and page.</summary>
    public string Link(string? sort, bool descending, int page)
    {
        var values = new Dictionary<string, string?>
        {
            ["q"] = string.IsNullOrWhiteSpace(Search) ? null : Search,
            ["status"] = Status?.ToString(),
            ["priority"] = Priority?.ToString(),
            ["phase"] = Phase?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["assignee"] = string.IsNullOrEmpty(Assignee) ? null : Assignee,
            ["overdue"] = Overdue ? "true" : null,
            ["blocked"] = Blocked ? "true" : null,
            ["sort"] = sort,
            ["dir"] = descending ? "desc" : null,
            ["p"] = page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        return QueryHelpers.AddQueryString("/", values.Where(v => v.Value is not null));
    }

    /// <summary>A search without a chosen sort lists its best answers first; otherwise the list is by ID.</summary>
    public bool Ranked => Sort is null && SearchText.Terms(Search).Count > 0;

    private string? CurrentSort => Sort ?? (Ranked ? null : "id");

    /// <summary>A column header's link: sorts by it, or flips the direction when it already sorts.</summary>
    public string SortLink(string column) => Link(column, CurrentSort == column && !Descending, 1);

    public string SortMark(string column) => CurrentSort != column ? "" : Descending ? " ▼" : " ▲";

    public string? AriaSort(string column) => CurrentSort != column ? null : Descending ? "descending" : "ascending";
}
