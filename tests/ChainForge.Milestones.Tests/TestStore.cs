using System.Diagnostics;
using System.Text.Json;
using ChainForge.Milestones.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChainForge.Milestones.Tests;

/// <summary>
/// A fresh, empty database for one test class, on the engine this test assembly runs on: this
/// project runs on SQLite, and ChainForge.Milestones.PostgreSqlTests compiles the same tests
/// with <c>POSTGRESQL</c> to run them on PostgreSQL. The schema comes from the engine's
/// checked-in migrations, applied by whoever opens the store first (the app, a verb, a test).
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public static DatabaseProvider Provider { get; } =
#if POSTGRESQL
        DatabaseProvider.PostgreSQL;
#else
        DatabaseProvider.Sqlite;
#endif

    private readonly string _folder = Directory.CreateTempSubdirectory("milestones-store-").FullName;
    private readonly string? _postgreSqlDatabase;

    public DatabaseSettings Settings { get; }

    public TestStore()
    {
        if (Provider is DatabaseProvider.PostgreSQL)
        {
            _postgreSqlDatabase = $"milestones_{Guid.NewGuid():N}";
            Settings = DatabaseSettings.PostgreSql(TestPostgreSqlServer.CreateDatabase(_postgreSqlDatabase));
        }
        else
        {
            Settings = DatabaseSettings.Sqlite($"Data Source={Path.Combine(_folder, "milestones.db")};Pooling=False");
        }
    }

    /// <summary>The store as configuration gives it: <c>Database:Provider</c> and <c>ConnectionStrings:Milestones</c>.</summary>
    public IReadOnlyDictionary<string, string> Configuration => new Dictionary<string, string>
    {
        [Database.ProviderSetting] = Settings.Provider.ToString(),
        [$"ConnectionStrings:{Database.ConnectionStringName}"] = Settings.ConnectionString,
    };

    /// <summary>Writes <c>appsettings.json</c> into <paramref name="folder"/>, as an operator configures the command line.</summary>
    public void WriteAppSettings(string folder) =>
        File.WriteAllText(Path.Combine(folder, "appsettings.json"), JsonSerializer.Serialize(new
        {
            Database = new { Provider = Settings.Provider.ToString() },
            ConnectionStrings = new Dictionary<string, string> { [Database.ConnectionStringName] = Settings.ConnectionString },
        }));

    public async ValueTask DisposeAsync()
    {
        if (_postgreSqlDatabase is not null)
        {
            await using var connection = new NpgsqlConnection(Settings.ConnectionString);
            NpgsqlConnection.ClearPool(connection);
            TestPostgreSqlServer.DropDatabase(_postgreSqlDatabase);
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the OS's temp cleaning.
        }
    }
}

/// <summary>
/// The PostgreSQL server the tests make their databases on: <c>MILESTONES_POSTGRESQL</c> (a
/// connection string with the right to create databases, as <c>.ci/run</c> sets), or else a
/// throwaway cluster that <c>tests/postgresql.sh</c> starts for this test run and stops at its end.
/// </summary>
internal static class TestPostgreSqlServer
{
    public const string Variable = "MILESTONES_POSTGRESQL";

    private static readonly Lazy<string> Server = new(Start);

    public static string CreateDatabase(string name)
    {
        Execute($"""CREATE DATABASE "{name}" """);
        return new NpgsqlConnectionStringBuilder(Server.Value) { Database = name }.ToString();
    }

    public static void DropDatabase(string name) => Execute($"""DROP DATABASE IF EXISTS "{name}" WITH (FORCE)""");

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server.Value) { Database = "postgres", Pooling = false }.ToString());
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
            return given;
        var script = Path.Combine(SolutionFolder(), "tests", "postgresql.sh");
        var folder = Directory.CreateTempSubdirectory("milestones-postgresql-").FullName;
        var (exit, output) = Run(script, "start", folder);
        if (exit != 0)
        {
            throw new InvalidOperationException(
                $"These tests run on PostgreSQL: set {Variable} to a server's connection string, or install PostgreSQL's server (Debian: apt-get install postgresql) for tests/postgresql.sh to start one. It said: {output}");
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Run(script, "stop", folder);
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        };
        return output.Trim();
    }

    private static (int Exit, string Output) Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }

    // Its own: the browser tests compile this file without the fixtures.
    private static string SolutionFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ChainForge.Milestones.sln")))
            folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("the solution folder is not above the test assembly");
    }
}
