using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Milestones.Tracking;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Milestones;

/// <summary>
/// What a milestone's page reads: the row's stored parts, its reviews' latest decisions, its
/// comments, and the milestones in use that its facts name (when there are facts of the current format).
/// </summary>
public sealed record StoredMilestonePage(Guid Version, string? Html, MilestonePageFacts? Facts, List<LatestDecision> Reviews, List<SectionComment> Comments,
    List<DependencyNode> Prerequisites);

/// <summary>
/// Reads a milestone's page in plain SQL instead of EF Core queries: a first view
/// is the page teams open most, and each EF Core query (translation, a pooled connection's open,
/// SQLite preparing the statement anew) cost more than the rest of the page (benchmarks/LOAD.md).
/// On SQLite the statements stay prepared on a few kept connections; on PostgreSQL they run on the
/// context's pooled connection, where Npgsql keeps each prepared statement.
/// The SQL names the columns EF Core maps (Data/*Configuration.cs); MilestonePageReaderTests
/// compare what it reads with EF Core's reading of the same rows, on both engines.
/// </summary>
public sealed class MilestonePageReader(DatabaseSettings settings) : IDisposable
{
    // Reads on SQLite finish without yielding, so a few connections serve many requests; a burst's extra ones are closed.
    private const int MostKept = 8;

    private readonly bool _postgreSql = settings.Provider is DatabaseProvider.PostgreSQL;
    private readonly ConcurrentBag<Statements> _kept = [];
    private volatile bool _disposed;

    /// <summary>Null when no milestone in use has <paramref name="id"/> (none, or archived).</summary>
    public async Task<StoredMilestonePage?> ReadAsync(MilestonesDbContext db, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await UseAsync(db, statements => ReadAsync(statements, id, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The milestones in use that <paramref name="named"/> names, other than <paramref name="id"/>: what may block it.
    /// <see cref="ReadAsync"/> reads these itself from stored facts; this is for a page made without them.
    /// </summary>
    public async Task<List<DependencyNode>> PrerequisitesAsync(MilestonesDbContext db, string id, IReadOnlyCollection<string> named, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(named);
        if (named.Count == 0)
            return [];
        return await UseAsync(db, statements => PrerequisitesAsync(statements, id, named, cancellationToken), cancellationToken);
    }

    private async Task<T> UseAsync<T>(MilestonesDbContext db, Func<Statements, Task<T>> read, CancellationToken cancellationToken)
    {
        if (_postgreSql)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                using var statements = new Statements(db.Database.GetDbConnection(), _postgreSql, ownsConnection: false);
                return await read(statements);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        if (!_kept.TryTake(out var kept))
            kept = Open();
        try
        {
            var result = await read(kept);
            if (_kept.Count < MostKept && !_disposed)
                _kept.Add(kept);
            else
                kept.Dispose();
            return result;
        }
        catch
        {
            // A fresh connection next time, whatever state this one's statements were left in.
            kept.Dispose();
            throw;
        }
    }

    private Statements Open()
    {
        var connection = new SqliteConnection(settings.ConnectionString);
        Statements? statements = null;
        try
        {
            connection.Open();
            // A page's row is tens of kilobytes: read through a memory map, its pages of the file
            // cost no system call each (the map is address space; the memory is the OS's file cache).
            using (var map = connection.CreateCommand())
            {
                map.CommandText = "PRAGMA mmap_size = 268435456";
                map.ExecuteNonQuery();
            }
            statements = new Statements(connection, _postgreSql, ownsConnection: true);
            foreach (var command in statements.All)
                command.Prepare();
            return statements;
        }
        catch
        {
            // A store not migrated yet, say: nothing opened stays open.
            if (statements is null)
                connection.Dispose();
            else
                statements.Dispose();
            throw;
        }
    }

    private async Task<StoredMilestonePage?> ReadAsync(Statements statements, string id, CancellationToken cancellationToken)
    {
        if (await ReadPageAsync(statements, id, cancellationToken) is not { } page)
            return null;
        if (!_postgreSql && page.Facts is { NamedIds.Count: > 0 } facts)
            return page with { Prerequisites = await PrerequisitesAsync(statements, id, facts.NamedIds, cancellationToken) };
        return page;
    }

    private async Task<List<DependencyNode>> PrerequisitesAsync(Statements statements, string id, IReadOnlyCollection<string> named, CancellationToken cancellationToken)
    {
        var command = statements.Prerequisites;
        command.Parameters[0].Value = id;
        command.Parameters[1].Value = _postgreSql ? named.ToArray() : JsonSerializer.Serialize(named);
        await using var reader = await statements.RunAsync(command, cancellationToken);
        return await PrerequisitesAsync(reader, cancellationToken);
    }

    /// <summary>The page's command; on SQLite without the prerequisites, which <see cref="ReadAsync(Statements, string, CancellationToken)"/> reads next.</summary>
    private static async Task<StoredMilestonePage?> ReadPageAsync(Statements statements, string id, CancellationToken cancellationToken)
    {
        statements.Page.Parameters[0].Value = id;
        await using var reader = await statements.RunAsync(statements.Page, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        var version = reader.GetGuid(0);
        var html = reader.IsDBNull(1) ? null : reader.GetString(1);
        var facts = reader.IsDBNull(2) ? null : reader.GetString(2);

        var reviews = new List<LatestDecision>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            reviews.Add(new LatestDecision(Enum.Parse<ReviewKind>(reader.GetString(0)), Enum.Parse<ReviewSource>(reader.GetString(1)), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        var comments = new List<SectionComment>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            comments.Add(new SectionComment
            {
                Id = reader.GetInt64(0),
                MilestoneId = reader.GetString(1),
                Section = reader.GetString(2),
                Text = reader.GetString(3),
                Reviewer = reader.GetString(4),
                At = reader.GetFieldValue<DateTimeOffset>(5),
                ResolvedBy = reader.GetString(6),
                ResolvedAt = reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
            });
        }
        var prerequisites = await reader.NextResultAsync(cancellationToken) ? await PrerequisitesAsync(reader, cancellationToken) : [];
        return new StoredMilestonePage(version, html, MilestonePageFacts.FromJson(facts),
            [.. reviews.OrderBy(r => r.Kind)], [.. comments.OrderBy(c => c.ResolvedAt is not null)], prerequisites);
    }

    private static async Task<List<DependencyNode>> PrerequisitesAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var prerequisites = new List<DependencyNode>();
        while (await reader.ReadAsync(cancellationToken))
            prerequisites.Add(new DependencyNode(reader.GetString(0), reader.GetString(1), StatusOf(reader, 2), []));
        return prerequisites;
    }

    private static MilestoneStatus? StatusOf(DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : Enum.Parse<MilestoneStatus>(reader.GetString(column));

    public void Dispose()
    {
        _disposed = true;
        while (_kept.TryTake(out var kept))
            kept.Dispose();
    }

    /// <summary>The page's statements on one connection; IDs compare without case, as EF Core's mapping makes them (NOCASE, citext).</summary>
    private sealed class Statements : IDisposable
    {
        private readonly DbConnection _connection;
        private readonly bool _ownsConnection;

        /// <summary><paramref name="ownsConnection"/>: a connection of the reader's own (SQLite's kept ones), closed with the statements.</summary>
        public Statements(DbConnection connection, bool postgreSql, bool ownsConnection)
        {
            (_connection, _ownsConnection) = (connection, ownsConnection);
            var id = postgreSql ? "CAST(@id AS citext)" : "@id";
            // On PostgreSQL the IDs the row's facts name are read by the database itself (only from
            // facts of the current format, the only ones the page uses), so that the prerequisites
            // come in the page's one round trip. SQLite has no round trip to save: there they are a
            // second prepared command, run with the IDs of the facts .NET has read, which spares
            // SQLite parsing the facts' JSON (twice, with json_valid) on every view.
            var prerequisitesOfFacts = postgreSql
                ? PrerequisitesOf($"""
                    SELECT CAST(jsonb_array_elements_text(CAST(f."{MilestonesDbContext.StoredPageFacts}" AS jsonb) -> 'NamedIds') AS citext) FROM "Milestones" AS f
                    WHERE f."Id" = {id} AND f."ArchivedAt" IS NULL AND f."{MilestonesDbContext.StoredPageFacts}" LIKE '{MilestonePageFacts.CurrentPrefix}%'
                    """) + ";"
                : "";
            // The statements in one command: one round trip on PostgreSQL, one prepared command on SQLite.
            Page = Command($"""
                SELECT "Version", "{MilestonesDbContext.StoredHtml}", "{MilestonesDbContext.StoredPageFacts}" FROM "Milestones"
                WHERE "Id" = {id} AND "ArchivedAt" IS NULL;
                SELECT "Kind", "Source", "RecordedBy", "RevisionNumber", "ChangedParts", "RecordedAt" FROM "ReviewDecisions" AS d
                WHERE "MilestoneId" = {id} AND "Id" = (SELECT MAX("Id") FROM "ReviewDecisions" AS e WHERE e."MilestoneId" = {id} AND e."Kind" = d."Kind");
                SELECT "Id", "MilestoneId", "Section", "Text", "Reviewer", "At", "ResolvedBy", "ResolvedAt" FROM "SectionComments"
                WHERE "MilestoneId" = {id} ORDER BY "Id";
                {prerequisitesOfFacts}
                """, "@id");
            Prerequisites = Command(PrerequisitesOf(postgreSql ? "SELECT unnest(CAST(@named AS citext[]))" : """SELECT "value" FROM json_each(@named)"""), "@id", "@named");

            // The milestones in use among the IDs a subquery gives, other than the page's own.
            string PrerequisitesOf(string ids) => $"""SELECT "Id", "Title", "Status" FROM "Milestones" WHERE "Id" IN ({ids}) AND "Id" <> {id} AND "ArchivedAt" IS NULL""";
        }

        /// <summary>The row's stored parts; the reviews' latest decisions; the comments; on PostgreSQL the prerequisites its facts name.</summary>
        public DbCommand Page { get; }

        public DbCommand Prerequisites { get; }

        private DbCommand Command(string sql, params string[] parameters)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = "";
                command.Parameters.Add(parameter);
            }
            return command;
        }

        public DbCommand[] All => [Page, Prerequisites];

        /// <summary>
        /// Npgsql prepares a statement once per physical connection and finds it again by its text
        /// (and its parameters' types, known once their values are set); SQLite's kept statements
        /// were prepared as they were made.
        /// </summary>
        public async Task<DbDataReader> RunAsync(DbCommand command, CancellationToken cancellationToken)
        {
            if (!_ownsConnection)
                await command.PrepareAsync(cancellationToken);
            return await command.ExecuteReaderAsync(cancellationToken);
        }

        public void Dispose()
        {
            foreach (var command in All)
                command.Dispose();
            if (_ownsConnection)
                _connection.Dispose();
        }
    }
}
