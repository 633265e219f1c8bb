using ChainForge.Milestones.Data;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace ChainForge.Milestones.Tests.Data;

public sealed class DatabaseTests
{
    [Fact]
    public void PostgreSql_connections_go_back_to_the_pool_without_a_reset_and_read_64_KB_at_a_time_unless_the_connection_string_says()
    {
        var settings = DatabaseSettings.PostgreSql("Host=db;Database=milestones;Username=milestones");

        var used = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        Assert.True(used.NoResetOnClose);
        Assert.Equal(65536, used.ReadBufferSize);
        Assert.Equal(("db", "milestones", "milestones"), (used.Host, used.Database, used.Username));
        Assert.False(new NpgsqlConnectionStringBuilder(DatabaseSettings.PostgreSql("Host=db;No Reset On Close=false").ConnectionString).NoResetOnClose);
        Assert.False(new NpgsqlConnectionStringBuilder(DatabaseSettings.PostgreSql("Host=db;noresetonclose=false").ConnectionString).NoResetOnClose);
        Assert.Equal(8192, new NpgsqlConnectionStringBuilder(DatabaseSettings.PostgreSql("Host=db;Read Buffer Size=8192").ConnectionString).ReadBufferSize);
    }

    [Fact]
    public void A_SQLite_file_is_found_from_the_base_folder_and_PostgreSQL_needs_a_connection_string()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var sqlite = Database.Settings(new ConfigurationBuilder().Build(), folder);
            Assert.Equal(DatabaseProvider.Sqlite, sqlite.Provider);
            Assert.Contains(Path.Combine(folder, Database.DefaultFile.Replace('/', Path.DirectorySeparatorChar)), sqlite.ConnectionString, StringComparison.Ordinal);

            var postgreSql = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [Database.ProviderSetting] = "postgresql" }).Build();
            Assert.Throws<InvalidOperationException>(() => Database.Settings(postgreSql, folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
