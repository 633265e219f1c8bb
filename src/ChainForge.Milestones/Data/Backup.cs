using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Data;

/// <summary>
/// A copy of the SQLite database that is consistent while the app runs and writes: SQLite's
/// online backup, page by page, under a read transaction. (PostgreSQL has pg_dump.)
/// </summary>
public static class Backup
{
    /// <summary>Writes the backup to <paramref name="file"/>, which must not exist; returns why not, or null.</summary>
    public static async Task<string?> ToFileAsync(MilestonesDbContext db, string file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
            return "backup copies a SQLite database; for PostgreSQL use pg_dump (README: Backup and restore)";
        if (File.Exists(file))
            return $"{file} exists: name a new file (a backup never overwrites)";
        var source = (SqliteConnection)db.Database.GetDbConnection();
        if (source.DataSource is { Length: > 0 } path && !File.Exists(path))
            return $"there is no database at {path}";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            await destination.OpenAsync(cancellationToken);
            source.BackupDatabase(destination);
            await using var check = destination.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            var result = (string?)await check.ExecuteScalarAsync(cancellationToken);
            return result == "ok" ? null : $"the copy in {file} failed its integrity check: {result}";
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
