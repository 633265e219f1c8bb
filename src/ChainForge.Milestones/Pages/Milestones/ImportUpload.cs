using System.Globalization;
using System.IO.Compression;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Reviews;

namespace ChainForge.Milestones.Pages.Milestones;

/// <summary>The milestone files in an upload, or what is wrong with it.</summary>
public sealed record UploadedFiles(IReadOnlyList<MilestoneFile> Files, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>Turns uploaded <c>.md</c> files and <c>.zip</c>s of them into milestone files, within the size an import may hold.</summary>
public static class ImportUpload
{
    /// <summary>The most markdown one import takes, all files together, unpacked.</summary>
    public const int MaxTotalBytes = 10 * 1024 * 1024;

    public static string TooLarge(long bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"The files add up to {bytes / (1024.0 * 1024.0):0.#} MB; one import takes at most {MaxTotalBytes / (1024 * 1024)} MB of markdown. Import them in parts.");

    public static UploadedFiles Read(IEnumerable<(string Name, byte[] Content)> uploads)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        var files = new List<MilestoneFile>();
        var errors = new List<string>();
        long total = 0;
        foreach (var (name, content) in uploads)
        {
            if (IsImportable(name))
            {
                total += content.Length;
                files.Add(new MilestoneFile(name, content));
            }
            else if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                total += ReadZip(name, content, files, errors, MaxTotalBytes - total);
            else
                errors.Add($"{name}: only .md files (and an approvals ledger, {ApprovalLedger.FileName}), or a .zip of them, can be imported");
            if (total > MaxTotalBytes)
                return new UploadedFiles([], [TooLarge(total)]);
        }
        return new UploadedFiles(files, errors);
    }

    /// <summary>
    /// The files kept from earlier uploads with the newly chosen ones: a chosen file replaces the
    /// kept one of the same path, or else the only kept one of the same name (a fixed file of a
    /// zip, chosen on its own); any other is added.
    /// </summary>
    public static IReadOnlyList<MilestoneFile> Merge(IReadOnlyList<MilestoneFile> kept, IReadOnlyList<MilestoneFile> chosen)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(chosen);
        var files = kept.ToList();
        // Each kept file is replaced once at most: two chosen files of one name never replace each other.
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in chosen)
        {
            var at = files.FindIndex(f => f.Path == file.Path && !replaced.Contains(f.Path));
            var namesakes = kept.Where(f => Path.GetFileName(f.Path) == Path.GetFileName(file.Path) && !replaced.Contains(f.Path)).Take(2).ToList();
            if (at < 0 && namesakes.Count == 1)
                at = files.FindIndex(f => f.Path == namesakes[0].Path);
            if (at < 0)
            {
                files.Add(file);
                continue;
            }
            files[at] = file with { Path = files[at].Path };
            replaced.Add(files[at].Path);
        }
        return files;
    }

    private static bool IsImportable(string name) => name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || MilestoneFiles.IsLedger(name);

    /// <summary>Adds the zip's .md entries; returns the bytes they take, stopping once past <paramref name="room"/>.</summary>
    private static long ReadZip(string zipName, byte[] content, List<MilestoneFile> files, List<string> errors, long room)
    {
        long total = 0;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/'))
                    continue; // a folder
                var path = $"{zipName}/{entry.FullName}";
                if (!IsImportable(entry.Name))
                {
                    errors.Add($"{path}: only .md files (and an approvals ledger) can be imported; remove it from the zip");
                    continue;
                }
                // The declared length can lie; the read is bounded too.
                total += entry.Length;
                if (total > room)
                    return total;
                using var stream = entry.Open();
                var bytes = new byte[entry.Length];
                stream.ReadExactly(bytes);
                if (stream.ReadByte() >= 0)
                    return room + 1; // more than it declared: refused, as if too large
                files.Add(new MilestoneFile(path, bytes));
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            errors.Add($"{zipName}: not a readable zip file");
        }
        return total;
    }
}
