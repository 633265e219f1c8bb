using ChainForge.Milestones.Cli;
using ChainForge.Milestones.Data;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests.Cli;

public sealed class SeedTests : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("milestones-seed-").FullName;
    private readonly TestStore _store = new();

    public SeedTests() => _store.WriteAppSettings(_folder);

    private async Task<(int Code, string Output)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error, _folder, _folder);
        return (code, output.ToString() + error);
    }

    private List<string> StoredIds()
    {
        using var services = new ServiceCollection().AddMilestonesDatabase(_store.Settings).BuildServiceProvider();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MilestonesDbContext>();
        return [.. db.Milestones.Select(m => m.Id).AsEnumerable().Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Seeding_twice_numbers_on_after_the_highest_id()
    {
        var first = await Run("seed", "--count", "3");
        var second = await Run("seed", "--count", "2");

        Assert.Equal(0, first.Code);
        Assert.Equal(0, second.Code);
        Assert.Equal(["M-001", "M-002", "M-003", "M-004", "M-005"], StoredIds());
    }

    [Fact]
    public async Task Seeding_needs_a_positive_count()
    {
        var result = await Run("seed", "--count", "0");

        Assert.Equal(1, result.Code);
        Assert.Contains("--count", result.Output, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
