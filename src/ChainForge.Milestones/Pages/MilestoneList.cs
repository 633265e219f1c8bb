using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages;

/// <summary>What the list shows: a search, filters, a sort and a page, all from the query string.</summary>
public sealed record MilestoneListQuery(
    string? Search = null,
    MilestoneStatus? Status = null,
    Priority? Priority = null,
    int? Phase = null,
    string? Assignee = null,
    string? Sort = null,
    bool Descending = false,
    int Page = 1,
    bool Overdue = false,
    bool Blocked = false)
{
    public static readonly IReadOnlyList<string> Sorts = ["id", "title", "phase", "priority", "status", "progress", "assignee", "updated"];

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Search) || Status is not null || Priority is not null || Phase is not null || !string.IsNullOrEmpty(Assignee) || Overdue || Blocked;
}

/// <summary>One row of the list: only the columns it shows, never a whole milestone.</summary>
/// <param name="Overdue">The names of its overdue checkpoints, in the template's order.</param>
public sealed record MilestoneRow(string Id, string Title, int? Phase, Priority? Priority, MilestoneStatus? Status, int? Progress, string AssignedTo, DateOnly? LastUpdated, IReadOnlyList<string> Overdue);

public sealed record MilestoneListPage(IReadOnlyList<MilestoneRow> Rows, int Total, int Page, int PageCount, IReadOnlyList<string> Assignees, IReadOnlyList<int> Phases, bool AnyMilestones);

/// <summary>The milestones list: filtering, sorting and paging done in the SQL query.</summary>
public static class MilestoneList
{
    public const int PageSize = 25;

    // The filters' choices. SELECT DISTINCT would read the whole index, 10,000 entries for a
    // dozen names; this jumps from one value to the next in the index instead (a loose index scan).
    private const string DistinctAssignees = """
        WITH RECURSIVE assignees(Value) AS (
            SELECT MIN("AssignedTo") FROM "Milestones" WHERE "AssignedTo" > ''
            UNION ALL
            SELECT (SELECT MIN("AssignedTo") FROM "Milestones" WHERE "AssignedTo" > assignees.Value) FROM assignees WHERE assignees.Value IS NOT NULL)
        SELECT Value FROM assignees WHERE Value IS NOT NULL
        """;

    private const string DistinctPhases = """
        WITH RECURSIVE phases(Value) AS (
            SELECT MIN("Phase") FROM "Milestones" WHERE "Phase" IS NOT NULL
            UNION ALL
            SELECT (SELECT MIN("Phase") FROM "Milestones" WHERE "Phase" > phases.Value) FROM phases WHERE phases.Value IS NOT NULL)
        SELECT Value FROM phases WHERE Value IS NOT NULL
        """;

    /// <param name="today">For which checkpoints are overdue (<see cref="TrackingQueries.Today"/>).</param>
    /// <param name="blocked">The blocked milestones, for <see cref="MilestoneListQuery.Blocked"/> (a question about the whole graph).</param>
    public static async Task<MilestoneListPage> LoadAsync(MilestonesDbContext db, MilestoneListQuery query, DateOnly today, IReadOnlySet<string>? blocked = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        // One connection for the four queries, rather than one opened (and set up) for each.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var filtered = Filter(db.Milestones.AsNoTracking(), query, today);
        var terms = SearchText.Terms(query.Search);
        var hits = terms.Count > 0 ? MilestoneSearch.Hits(db, terms) : null;
        if (query.Blocked)
        {
            var ids = (blocked ?? (await TrackingQueries.WholeGraphAsync(db, cancellationToken)).BlockedIds).ToList();
            filtered = filtered.Where(m => ids.Contains(m.Id));
        }
        // A search without a chosen sort lists the best answers first (the join is the search's filter too).
        var ranked = hits is not null && query.Sort is null
            ? filtered.Join(hits, m => m.Id, h => h.Id, (m, h) => new { Milestone = m, h.Rank })
                .OrderBy(x => x.Rank).ThenBy(x => EF.Property<string>(x.Milestone, MilestonesDbContext.IdOrder)).ThenBy(x => x.Milestone.Id).Select(x => x.Milestone)
            : null;
        if (hits is not null && ranked is null)
            filtered = filtered.Where(m => hits.Select(h => h.Id).Contains(m.Id));
        var total = await (ranked ?? filtered).CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var ordered = ranked ?? Order(filtered, query.Sort, query.Descending);
        // The checkpoints are a small JSON column: read with the row, judged here.
        var found = await ordered
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(m => new { m.Id, m.Title, m.Phase, m.Priority, m.Status, m.Progress, m.AssignedTo, m.LastUpdated, m.Checkpoints })
            .ToListAsync(cancellationToken);
        var rows = found.Select(m => new MilestoneRow(m.Id, m.Title, m.Phase, m.Priority, m.Status, m.Progress, m.AssignedTo, m.LastUpdated,
            [.. CheckpointRules.States(m.Checkpoints, today).Where(c => c.Overdue).Select(c => c.Name)])).ToList();
        var assignees = await db.Database.SqlQueryRaw<string>(DistinctAssignees).ToListAsync(cancellationToken);
        var phases = await db.Database.SqlQueryRaw<int>(DistinctPhases).ToListAsync(cancellationToken);
        var any = total > 0 || (query.IsFiltered && await db.Milestones.AnyAsync(cancellationToken));
        return new MilestoneListPage(rows, total, page, pageCount, assignees, phases, any);
    }

    private static IQueryable<Milestone> Filter(IQueryable<Milestone> milestones, MilestoneListQuery query, DateOnly today)
    {
        if (query.Overdue)
            milestones = milestones.Where(CheckpointRules.HasOverdue(today));
        if (query.Status is { } status)
            milestones = milestones.Where(m => m.Status == status);
        if (query.Priority is { } priority)
            milestones = milestones.Where(m => m.Priority == priority);
        if (query.Phase is { } phase)
            milestones = milestones.Where(m => m.Phase == phase);
        if (!string.IsNullOrEmpty(query.Assignee))
            milestones = milestones.Where(m => m.AssignedTo == query.Assignee);
        return milestones;
    }

    // Priority and status sort in the template's order (HIGH first, NOT_STARTED first), not alphabetically.
    private static IQueryable<Milestone> Order(IQueryable<Milestone> milestones, string? sort, bool descending) => sort switch
    {
        "title" => By(milestones, m => EF.Property<string>(m, MilestonesDbContext.TitleOrder), descending),
        "phase" => By(milestones, m => m.Phase, descending),
        "priority" => By(milestones, m => m.Priority == Priority.High ? 0 : m.Priority == Priority.Medium ? 1 : m.Priority == Priority.Low ? 2 : 3, descending),
        "status" => By(milestones, m => m.Status == MilestoneStatus.NotStarted ? 0 : m.Status == MilestoneStatus.InProgress ? 1 : m.Status == MilestoneStatus.Review ? 2 : m.Status == MilestoneStatus.Completed ? 3 : 4, descending),
        "progress" => By(milestones, m => m.Progress, descending),
        "assignee" => By(milestones, m => m.AssignedTo, descending),
        "updated" => By(milestones, m => m.LastUpdated, descending),
        // Natural order: M-2 before M-10 (SearchText.NaturalKey).
        _ => By(milestones, m => EF.Property<string>(m, MilestonesDbContext.IdOrder), descending),
    };

    // The ID breaks ties, so that paging is stable; in the same direction as the key, so that
    // the (key, ID) index reads the order as it is, backwards for descending.
    private static IOrderedQueryable<Milestone> By<TKey>(IQueryable<Milestone> milestones, System.Linq.Expressions.Expression<Func<Milestone, TKey>> key, bool descending) =>
        descending ? milestones.OrderByDescending(key).ThenByDescending(m => m.Id) : milestones.OrderBy(key).ThenBy(m => m.Id);
}
