using System.Collections.Concurrent;

namespace ChainForge.Milestones.Data;

/// <summary>
/// Results that stay true until the data changes, kept in memory under the data version they were
/// computed at (<see cref="DataVersion"/>): the portfolio, the dependency graph, a heatmap cell's
/// risks, what waits for a reviewer, the navigation's counts. The first request after any write
/// (from any instance or the command line) computes anew; every other request, whoever makes it,
/// reads what was kept. One entry per key, replaced when the version moves on: memory stays
/// bounded by the number of keys (pages × reviewers), not by time.
/// </summary>
public sealed class PerDataVersion
{
    private readonly ConcurrentDictionary<string, (long Version, object Value)> _kept = new(StringComparer.Ordinal);

    /// <summary>The value kept under <paramref name="key"/> at this request's data version, or computed and kept now.</summary>
    public async Task<T> GetAsync<T>(HttpContext context, string key, Func<CancellationToken, Task<T>> compute)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(compute);
        // Read before computing: a write made meanwhile moves the version past what is kept.
        var version = await DataVersion.ForRequestAsync(context, context.RequestAborted);
        if (_kept.TryGetValue(key, out var known) && known.Version == version && known.Value is T value)
            return value;
        value = await compute(context.RequestAborted);
        _kept.AddOrUpdate(key, (version, value), (_, old) => old.Version > version ? old : (version, value));
        return value;
    }
}
