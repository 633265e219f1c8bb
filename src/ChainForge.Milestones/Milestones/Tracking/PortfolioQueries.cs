using ChainForge.Milestones.Data;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Milestones.Tracking;

/// <summary>One risk of one milestone, read out of the Risks JSON column by the database.</summary>
public sealed record RiskFact(string MilestoneId, string MilestoneTitle, string Kind, int Position, string Probability, string Impact, string Description, string Mitigation);

/// <summary>The portfolio and its risk lists, computed by the database: grouped, counted and paged, never every milestone loaded.</summary>
public static class PortfolioQueries
{
    /// <param name="graph">The whole dependency graph, when the caller has it; else it is read.</param>
    public static async Task<Portfolio> ReadAsync(MilestonesDbContext db, DateOnly today, WholeGraph? graph = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var milestones = db.Milestones.AsNoTracking();
        // Weeks are decimals, which SQLite cannot sum: summed as doubles, rounded back to hundredths.
        var byStatus = await milestones.GroupBy(m => m.Status)
            .Select(g => new { g.Key, Count = g.Count(), Points = g.Sum(m => m.StoryPoints ?? 0), Weeks = g.Sum(m => (double)(m.Weeks ?? 0)) })
            .ToListAsync(cancellationToken);
        var byPriority = await milestones.GroupBy(m => m.Priority).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byPhase = await milestones.GroupBy(m => m.Phase)
            .Select(g => new { g.Key, Count = g.Count(), Points = g.Sum(m => m.StoryPoints ?? 0), Weeks = g.Sum(m => (double)(m.Weeks ?? 0)) })
            .ToListAsync(cancellationToken);
        var cells = await RiskFacts(db).GroupBy(r => new { r.Probability, r.Impact })
            .Select(g => new { g.Key.Probability, g.Key.Impact, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var overdue = milestones.Where(CheckpointRules.HasOverdue(today));
        var overdueCount = await overdue.CountAsync(cancellationToken);
        var firstOverdue = await overdue.OrderBy(m => m.Id).Take(Portfolio.Listed)
            .Select(m => new { m.Id, m.Title, m.Checkpoints })
            .ToListAsync(cancellationToken);

        // What blocks a milestone is a question about the whole graph; the graph is small rows.
        var blocked = (graph ?? await TrackingQueries.WholeGraphAsync(db, cancellationToken)).Blocked;

        return new Portfolio
        {
            Count = byStatus.Sum(s => s.Count),
            ByStatus = [.. Enum.GetValues<MilestoneStatus>().Select(s => (MilestoneStatus?)s).Append(null).Select(s =>
                byStatus.FirstOrDefault(r => r.Key == s) is { } r ? new StatusEffort(s, r.Count, r.Points, Hundredths(r.Weeks)) : new StatusEffort(s, 0, 0, 0))],
            ByPriority = [.. Enum.GetValues<Priority>().Select(p => (Priority?)p).Append(null).Select(p =>
                new PriorityCount(p, byPriority.FirstOrDefault(r => r.Key == p)?.Count ?? 0))],
            Phases = [.. byPhase.OrderBy(r => r.Key is null).ThenBy(r => r.Key).Select(r => new PhaseSummary(r.Key, r.Count, r.Points, Hundredths(r.Weeks)))],
            RiskCells = cells
                .Select(c => (Probability: Level(c.Probability), Impact: Level(c.Impact), c.Count))
                .Where(c => c.Probability is not null && c.Impact is not null)
                .GroupBy(c => (c.Probability!.Value, c.Impact!.Value))
                .ToDictionary(g => g.Key, g => g.Sum(c => c.Count)),
            OverdueCount = overdueCount,
            Overdue = [.. firstOverdue.SelectMany(m => m.Checkpoints.All()
                .Where(c => CheckpointRules.IsOverdue(c.Checkpoint, today))
                .Select(c => new OverdueCheckpoint(m.Id, m.Title, c.Name, c.Checkpoint.Date!.Value)))],
            BlockedCount = blocked.Count,
            Blocked = [.. blocked.Take(Portfolio.Listed)],
        };
    }

    /// <summary>The risks of one heatmap cell, by milestone ID and then as listed in it (technical, then business).</summary>
    public static async Task<List<PortfolioRisk>> RisksAtAsync(MilestonesDbContext db, RiskLevel probability, RiskLevel impact, CancellationToken cancellationToken = default)
    {
        var page = await Cell(db, probability, impact).OrderBy(r => r.MilestoneId).ThenByDescending(r => r.Kind).ThenBy(r => r.Position)
            .ToListAsync(cancellationToken);
        return [.. page.Select(r => new PortfolioRisk(r.MilestoneId, r.MilestoneTitle,
            new Risk { Description = r.Description, Probability = probability, Impact = impact, Mitigation = r.Mitigation }))];
    }

    private static IQueryable<RiskFact> Cell(MilestonesDbContext db, RiskLevel probability, RiskLevel impact)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (p, i) = (probability.ToString(), impact.ToString());
        return RiskFacts(db).Where(r => r.Probability == p && r.Impact == i);
    }

    /// <summary>
    /// Every risk of every milestone not archived, one row each, for LINQ to group, filter and page.
    /// Each engine reads a JSON array its own way; the rows are the same.
    /// </summary>
    internal static IQueryable<RiskFact> RiskFacts(MilestonesDbContext db) =>
        db.Database.IsNpgsql() ? db.Database.SqlQueryRaw<RiskFact>(PostgreSqlRiskFacts) : db.Database.SqlQueryRaw<RiskFact>(SqliteRiskFacts);

    private const string SqliteRiskFacts = """
        SELECT m."Id" AS "MilestoneId", m."Title" AS "MilestoneTitle", 'Technical' AS "Kind", CAST(r.key AS INTEGER) AS "Position",
            json_extract(r.value, '$.Probability') AS "Probability", json_extract(r.value, '$.Impact') AS "Impact",
            json_extract(r.value, '$.Description') AS "Description", json_extract(r.value, '$.Mitigation') AS "Mitigation"
        FROM "Milestones" AS m, json_each(m."Risks", '$.TechnicalRisks') AS r
        WHERE m."ArchivedAt" IS NULL
        UNION ALL
        SELECT m."Id", m."Title", 'Business', CAST(r.key AS INTEGER),
            json_extract(r.value, '$.Probability'), json_extract(r.value, '$.Impact'),
            json_extract(r.value, '$.Description'), json_extract(r.value, '$.Mitigation')
        FROM "Milestones" AS m, json_each(m."Risks", '$.BusinessRisks') AS r
        WHERE m."ArchivedAt" IS NULL
        """;

    private const string PostgreSqlRiskFacts = """
        SELECT m."Id"::text AS "MilestoneId", m."Title" AS "MilestoneTitle", 'Technical' AS "Kind", (r.n - 1)::int AS "Position",
            r.value ->> 'Probability' AS "Probability", r.value ->> 'Impact' AS "Impact",
            r.value ->> 'Description' AS "Description", r.value ->> 'Mitigation' AS "Mitigation"
        FROM "Milestones" AS m CROSS JOIN LATERAL jsonb_array_elements(m."Risks" -> 'TechnicalRisks') WITH ORDINALITY AS r(value, n)
        WHERE m."ArchivedAt" IS NULL
        UNION ALL
        SELECT m."Id"::text, m."Title", 'Business', (r.n - 1)::int,
            r.value ->> 'Probability', r.value ->> 'Impact',
            r.value ->> 'Description', r.value ->> 'Mitigation'
        FROM "Milestones" AS m CROSS JOIN LATERAL jsonb_array_elements(m."Risks" -> 'BusinessRisks') WITH ORDINALITY AS r(value, n)
        WHERE m."ArchivedAt" IS NULL
        """;

    private static decimal Hundredths(double weeks) => Math.Round((decimal)weeks, 2);

    private static RiskLevel? Level(string? stored) => Enum.TryParse<RiskLevel>(stored, out var level) ? level : null;
}
