using System.Diagnostics.Metrics;
using ChainForge.Milestones.Audit;

namespace ChainForge.Milestones.Hosting;

/// <summary>
/// The app's own counters, on the meter <c>ChainForge.Milestones</c> (exported with the rest of
/// the telemetry, Hosting/Telemetry.cs). Changes are counted from the audit events as they are
/// stored (Audit/AuditTrail.cs), so a counter can neither miss a write path nor count a refusal.
/// </summary>
public sealed class MilestonesMetrics
{
    public const string MeterName = "ChainForge.Milestones";

    private readonly Counter<long> _saves;
    private readonly Counter<long> _imports;
    private readonly Counter<long> _reviewDecisions;
    private readonly Counter<long> _importErrors;
    private readonly Counter<long> _pageCacheHits;
    private readonly Counter<long> _pageCacheMisses;

    public MilestonesMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _saves = meter.CreateCounter<long>("milestones.saves", "{save}", "Milestones written: created, edited, imported, restored, seeded, archived, brought back, purged");
        _imports = meter.CreateCounter<long>("milestones.imports", "{milestone}", "Milestones created or replaced by an import");
        _reviewDecisions = meter.CreateCounter<long>("milestones.review_decisions", "{decision}", "Review decisions recorded");
        _importErrors = meter.CreateCounter<long>("milestones.import_errors", "{error}", "Problems that refused an import (each a file:line)");
        _pageCacheHits = meter.CreateCounter<long>("milestones.page_cache.hits", "{page}", "Pages served from the page cache");
        _pageCacheMisses = meter.CreateCounter<long>("milestones.page_cache.misses", "{page}", "Cacheable pages rendered anew");
    }

    /// <summary>Counts one stored audit event.</summary>
    public void Stored(AuditAction action)
    {
        var tag = new KeyValuePair<string, object?>("action", action.ToString());
        switch (action)
        {
            case AuditAction.ReviewDecided:
                _reviewDecisions.Add(1);
                break;
            case AuditAction.MilestoneImported:
                _imports.Add(1);
                _saves.Add(1, tag);
                break;
            case AuditAction.MilestoneCreated or AuditAction.MilestoneEdited or AuditAction.MilestoneRestored or AuditAction.MilestoneSeeded
                or AuditAction.MilestoneArchived or AuditAction.MilestoneUnarchived or AuditAction.MilestonePurged:
                _saves.Add(1, tag);
                break;
        }
    }

    public void ImportRefused(int errors) => _importErrors.Add(errors);

    public void PageCacheHit() => _pageCacheHits.Add(1);

    public void PageCacheMiss() => _pageCacheMisses.Add(1);
}
