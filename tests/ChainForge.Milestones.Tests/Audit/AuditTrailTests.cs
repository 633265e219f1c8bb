using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChainForge.Milestones.Tests.Audit;

/// <summary>Each stored audit event is one log line with its fields, and nothing else is logged for it.</summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private readonly TestStore _store = new();
    private ServiceProvider? _services;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging());
        services.AddMilestonesDatabase(_store.Settings);
        services.AddMilestoneChanges();
        _services = services.BuildServiceProvider();
        await Database.MigrateAsync(_services, Cancel);
    }

    private async Task<ChangeResult> CreateAsync(ChainForge.Milestones.Accounts.Actor actor, Milestone milestone)
    {
        await using var scope = _services!.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MilestoneChanges>().CreateAsync(actor, milestone, Cancel);
    }

    private List<FakeLogRecord> Trail() =>
        [.. _services!.GetFakeLogCollector().GetSnapshot().Where(r => r.Category == typeof(ChainForge.Milestones.Audit.AuditTrail).FullName)];

    [Fact]
    public async Task A_stored_change_is_one_line_with_who_how_what_and_which_milestone_and_none_of_its_content()
    {
        await CreateAsync(Actors.Author("ana"), new Milestone { Id = "M-100", Title = "A title nobody may read in a log" });

        var line = Assert.Single(Trail());
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal("MilestoneCreated by ana (Web), milestone M-100, account (null)", line.Message);
        Assert.DoesNotContain("nobody may read", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_change_logs_nothing()
    {
        var result = await CreateAsync(Actors.Reviewer("priya"), new Milestone { Id = "M-101", Title = "Refused" });

        Assert.Equal(ChangeOutcome.Forbidden, result.Outcome);
        Assert.Empty(Trail());
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
        await _store.DisposeAsync();
    }
}
