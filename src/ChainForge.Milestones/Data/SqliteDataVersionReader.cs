using Microsoft.Data.Sqlite;

namespace ChainForge.Milestones.Data;

/// <summary>
/// Every signed-in request reads the data version (the session check, the page cache): on SQLite
/// one connection stays open with the statement prepared, instead of opening a pooled connection
/// and preparing the statement each time, which was a sixth of a simple page's CPU (benchmarks/LOAD.md).
/// Each read is a read transaction of its own, so it sees every commit, from any process.
/// </summary>
public sealed class SqliteDataVersionReader(string connectionString) : IDisposable
{
    private readonly Lock _gate = new();
    private SqliteConnection? _connection;
    private SqliteCommand? _command;

    public long Read()
    {
        lock (_gate)
        {
            if (_command is null)
            {
                _connection = new SqliteConnection(connectionString);
                _connection.Open();
                _command = _connection.CreateCommand();
                _command.CommandText = DataVersion.Query;
                _command.Prepare();
            }
            try
            {
                return (long)_command.ExecuteScalar()!;
            }
            catch (SqliteException)
            {
                // Opened anew at the next read: a file replaced by a restore, say.
                Close();
                throw;
            }
        }
    }

    private void Close()
    {
        _command?.Dispose();
        _connection?.Dispose();
        (_command, _connection) = (null, null);
    }

    public void Dispose()
    {
        lock (_gate)
            Close();
    }
}
