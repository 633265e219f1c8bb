using ChainForge.Milestones.Cli;
using ChainForge.Milestones.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Tests.Cli;

public sealed class SeedTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("milestones-seed-").FullName;

    private string DatabaseFile => Path.Combine(_folder, "seed.db");

    private async Task<(int Code, string Output)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error, _folder, _folder);
        return (code, output.ToString() + error);
    }

    private List<string> StoredIds()
    {
        using var db = new MilestonesDbContext(new DbContextOptionsBuilder<MilestonesDbContext>().UseSqlite($"Data Source={DatabaseFile};Pooling=False").Options);
        return [.. db.Milestones.Select(m => m.Id).AsEnumerable().Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Seeding_twice_numbers_on_after_the_highest_id()
    {
        var first = await Run("seed", "--count", "3", "--db", DatabaseFile);
        var second = await Run("seed", "--count", "2", "--db", DatabaseFile);

        Assert.Equal(0, first.Code);
        Assert.Equal(0, second.Code);
        Assert.Equal(["M-001", "M-002", "M-003", "M-004", "M-005"], StoredIds());
    }

    [Fact]
    public async Task Seeding_needs_a_positive_count()
    {
        var result = await Run("seed", "--count", "0", "--db", DatabaseFile);

        Assert.Equal(1, result.Code);
        Assert.Contains("--count", result.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
