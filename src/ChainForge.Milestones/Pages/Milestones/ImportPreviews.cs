using System.Security.Cryptography;
using ChainForge.Milestones.Milestones;
using Microsoft.Extensions.Caching.Memory;

namespace ChainForge.Milestones.Pages.Milestones;

/// <summary>
/// The files of an import being prepared, kept on the server across previews so that a fix of
/// one file does not need the others chosen again; and, once they read without an error, what
/// the preview read, for its confirm.
/// </summary>
public sealed record KeptImport(IReadOnlyList<MilestoneFile> Files, IReadOnlyList<ReadMilestone>? Read)
{
    public long Bytes => Files.Sum(f => (long)f.Content.Length);
}

/// <summary>
/// Upload previews kept on the server, each for the person who made it, so that the confirm
/// neither sends the files back nor reads them again, and a fix needs only the fixed file; and the limit on imports at once, so that a
/// few uploads cannot take every core and the memory with them.
/// </summary>
public sealed class ImportPreviews : IDisposable
{
    public const int AtOnce = 2;
    private static readonly TimeSpan Kept = TimeSpan.FromMinutes(30);

    // Sized in bytes of markdown: at most a few full uploads are kept at any time.
    private readonly MemoryCache _previews = new(new MemoryCacheOptions { SizeLimit = 4L * ImportUpload.MaxTotalBytes });
    private readonly SemaphoreSlim _running = new(AtOnce, AtOnce);

    /// <summary>Keeps what a preview read; returns the token its confirm form carries.</summary>
    public string Keep(string person, KeptImport import)
    {
        ArgumentNullException.ThrowIfNull(import);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _previews.Set(Key(person, token), import, new MemoryCacheEntryOptions { Size = Math.Max(1, import.Bytes), SlidingExpiration = Kept });
        return token;
    }

    /// <summary>The preview <paramref name="person"/> made with <paramref name="token"/>; null when it expired or is someone else's.</summary>
    public KeptImport? Find(string person, string? token) =>
        token is { Length: > 0 } && _previews.TryGetValue(Key(person, token), out KeptImport? import) ? import : null;

    public void Forget(string person, string token) => _previews.Remove(Key(person, token));

    /// <summary>A turn to import, waiting a few seconds at most; null when the server is busy with others.</summary>
    public async Task<IDisposable?> TurnAsync(CancellationToken cancellationToken)
    {
        if (!await _running.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken))
            return null;
        return new Turn(_running);
    }

    public void Dispose()
    {
        _previews.Dispose();
        _running.Dispose();
    }

    private static string Key(string person, string token) => $"{person}\n{token}";

    private sealed class Turn(SemaphoreSlim running) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                running.Release();
        }
    }
}
