using ChainForge.Milestones.Milestones;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ChainForge.Milestones.Data;

/// <summary>A milestone a search found; the lower <see cref="Rank"/>, the better it answers.</summary>
public sealed record SearchHit(string Id, double Rank);

/// <summary>
/// The engines' full-text search over each milestone's folded text (<see cref="SearchText"/>):
/// SQLite's FTS5 table <c>MilestoneSearch</c>, kept by triggers, or PostgreSQL's <c>tsvector</c>
/// column <c>SearchVector</c> with its GIN index. A word of the search matches the words it starts
/// (<c>mempo</c> finds mempool); every word must match; the ID, title and assignee weigh ten times
/// the rest.
/// </summary>
public static class MilestoneSearch
{
    /// <summary>The milestones matching every term (<see cref="SearchText.Terms"/>: folded letters and digits only).</summary>
    public static IQueryable<SearchHit> Hits(MilestonesDbContext db, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0 || terms.Any(t => t.Length == 0 || !t.All(char.IsLetterOrDigit)))
            throw new ArgumentException("Search terms are folded words of letters and digits (SearchText.Terms).", nameof(terms));
        if (db.Database.IsNpgsql())
        {
            var query = string.Join(" & ", terms.Select(t => $"{t}:*"));
            return db.Database.SqlQuery<SearchHit>($"""
                SELECT "Id", -ts_rank("SearchVector", to_tsquery('simple', {query}))::double precision AS "Rank"
                FROM "Milestones" WHERE "SearchVector" @@ to_tsquery('simple', {query})
                """);
        }
        // Each term a quoted prefix, limited to the two text columns (never the key column).
        var match = string.Join(" AND ", terms.Select(t => $"{{SearchTitle SearchBody}} : \"{t}\"*"));
        return db.Database.SqlQuery<SearchHit>($"""
            SELECT "Id", bm25("MilestoneSearch", 0.0, 0.0, 10.0, 1.0) AS "Rank"
            FROM "MilestoneSearch" WHERE "MilestoneSearch" MATCH {match}
            """);
    }

    /// <summary>For a migration: the index and what keeps it, on the migration's engine.</summary>
    public static void CreateIndex(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql("""
                ALTER TABLE "Milestones" ADD "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple', coalesce("SearchTitle", '')), 'A') ||
                    setweight(to_tsvector('simple', coalesce("SearchBody", '')), 'D')) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Milestones_SearchVector" ON "Milestones" USING GIN ("SearchVector");""");
            return;
        }
        // Key is the hex of the ID: one token, found by MATCH when its row must go. Its own
        // copy of the text rather than external content: VACUUM may renumber the rowids of a
        // table without an INTEGER PRIMARY KEY, which an external-content index would depend on.
        migrationBuilder.Sql("""
            CREATE VIRTUAL TABLE "MilestoneSearch" USING fts5(
                "Key", "Id" UNINDEXED, "SearchTitle", "SearchBody", tokenize = 'unicode61 remove_diacritics 2');
            """);
        const string Insert = """
            INSERT INTO "MilestoneSearch" ("Key", "Id", "SearchTitle", "SearchBody")
            SELECT hex(new."Id"), new."Id", new."SearchTitle", new."SearchBody" WHERE new."SearchTitle" IS NOT NULL;
            """;
        const string Delete = """
            DELETE FROM "MilestoneSearch" WHERE "MilestoneSearch" MATCH '"Key" : "' || hex(old."Id") || '"';
            """;
        migrationBuilder.Sql($"""CREATE TRIGGER "Milestones_Search_Insert" AFTER INSERT ON "Milestones" BEGIN {Insert} END;""");
        migrationBuilder.Sql($"""CREATE TRIGGER "Milestones_Search_Update" AFTER UPDATE OF "SearchTitle", "SearchBody" ON "Milestones" BEGIN {Delete} {Insert} END;""");
        migrationBuilder.Sql($"""CREATE TRIGGER "Milestones_Search_Delete" AFTER DELETE ON "Milestones" BEGIN {Delete} END;""");
    }

    /// <summary>For a migration's Down: the index and its triggers gone.</summary>
    public static void DropIndex(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql("""ALTER TABLE "Milestones" DROP COLUMN "SearchVector";""");
            return;
        }
        foreach (var trigger in new[] { "Insert", "Update", "Delete" })
            migrationBuilder.Sql($"""DROP TRIGGER "Milestones_Search_{trigger}";""");
        migrationBuilder.Sql("""DROP TABLE "MilestoneSearch";""");
    }

    private const int Batch = 200;

    /// <summary>
    /// The part of migration <c>NaturalOrderAndSearch</c> that SQL cannot do: the sort keys and
    /// search text of milestones stored before it, computed as every save computes them. Runs at
    /// start-up after the migrations; a row done once is never read again.
    /// </summary>
    public static async Task BackfillAsync(MilestonesDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        while (await db.Milestones.IgnoreQueryFilters().AsNoTracking().Where(m => EF.Property<string?>(m, MilestonesDbContext.SearchTitle) == null)
            .OrderBy(m => m.Id).Take(Batch).ToListAsync(cancellationToken) is { Count: > 0 } milestones)
        {
            // Only the four columns, without the version check: another instance may save the
            // milestone meanwhile, and its save writes the same values.
            foreach (var m in milestones)
            {
                var (idOrder, titleOrder, title, body) = (SearchText.NaturalKey(m.Id), SearchText.NaturalKey(m.Title), SearchText.TitleOf(m), SearchText.BodyOf(m));
                await db.Milestones.IgnoreQueryFilters().Where(x => x.Id == m.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(x => EF.Property<string?>(x, MilestonesDbContext.IdOrder), idOrder)
                    .SetProperty(x => EF.Property<string?>(x, MilestonesDbContext.TitleOrder), titleOrder)
                    .SetProperty(x => EF.Property<string?>(x, MilestonesDbContext.SearchTitle), title)
                    .SetProperty(x => EF.Property<string?>(x, MilestonesDbContext.SearchBody), body), cancellationToken);
            }
        }
    }
}
