using System.Runtime.CompilerServices;
using ChainForge.Milestones.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChainForge.Milestones.Audit;

/// <summary>
/// Every audit event, once stored, is also one log line with its fields (who, how, what, which
/// milestone or account; never the details, which may quote content) and a count
/// (<see cref="MilestonesMetrics"/>). Every significant change makes an audit event, whichever
/// path made it, so the log and the counters see all of them and nothing that was refused.
/// </summary>
public sealed partial class AuditTrail(ILogger<AuditTrail> logger, MilestonesMetrics metrics) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<AuditEvent>> _saving = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Report(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Report(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
            return;
        var added = context.ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count > 0)
            _saving.AddOrUpdate(context, added);
    }

    private void Report(DbContext? context)
    {
        if (context is null || !_saving.TryGetValue(context, out var stored))
            return;
        _saving.Remove(context);
        foreach (var audit in stored)
        {
            LogStored(logger, audit.Action, audit.Actor, audit.Channel, audit.MilestoneId, audit.Account);
            metrics.Stored(audit.Action);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
            _saving.Remove(context);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Action} by {Actor} ({Channel}), milestone {MilestoneId}, account {Account}")]
    private static partial void LogStored(ILogger logger, AuditAction action, string actor, Channel channel, string? milestoneId, string? account);
}
