using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Milestones;

/// <summary>A milestone file to import: where it came from and its bytes.</summary>
public sealed record MilestoneFile(string Path, byte[] Content);

/// <summary>A problem in one file of an import, as <c>path:line: message</c>; one about the import as a whole has no path.</summary>
public sealed record FileError(string Path, int Line, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}:{Line}: {Message}";
}

/// <summary>A file read as a milestone, with the lines an import's checks point at.</summary>
public sealed record ReadMilestone(MilestoneFile File, Milestone Milestone, SourceLines Lines)
{
    /// <summary>What the approvals ledger read with the files says of this milestone (<see cref="ApprovalLedger"/>).</summary>
    public IReadOnlyList<SignedApproval> Approvals { get; init; } = [];
}

public enum ImportAction { Create, Replace, Unchanged }

/// <summary>One milestone of an import and what the import does with it.</summary>
public sealed record PlannedImport(MilestoneFile File, Milestone Milestone, ImportAction Action)
{
    /// <summary>The file's Status line, where a gate's refusal points.</summary>
    public int StatusLine { get; init; }

    /// <summary>What is stored under the ID now, which a replace changes; null for a new milestone.</summary>
    public Milestone? Before { get; init; }

    /// <summary>The reviews whose approval the file brings back, signed by this server.</summary>
    public IReadOnlySet<ReviewKind> SignedReviews { get; init; } = new HashSet<ReviewKind>();
}

/// <summary>A file sent back by <c>push</c>, with the version it was pulled at (null: a milestone new to the server).</summary>
public sealed record PushedFile(MilestoneFile File, Guid? PulledAt);

/// <summary>What a push stored of one file: created, replaced or left as it was, and its version now.</summary>
public sealed record PushedMilestone(string Path, string Id, ImportAction Action, Guid Version);

/// <summary>
/// What a push did, or every reason it did nothing; <see cref="Conflicts"/> are the files changed
/// on the server since they were pulled, each with the lines the server's file and the pushed one differ in.
/// </summary>
public sealed record PushResult(IReadOnlyList<FileError> Errors, IReadOnlyList<PushedMilestone> Milestones, IReadOnlyDictionary<string, List<LineDiff.Line?>> Conflicts)
{
    public bool Succeeded => Errors.Count == 0;

    public static PushResult Refused(params FileError[] errors) => new(errors, [], new Dictionary<string, List<LineDiff.Line?>>());
}

/// <summary>What an import will do, or did, or every reason it cannot.</summary>
public sealed record ImportPlan(IReadOnlyList<FileError> Errors, IReadOnlyList<PlannedImport> Milestones)
{
    public bool Succeeded => Errors.Count == 0;

    public int Count(ImportAction action) => Milestones.Count(m => m.Action == action);

    public static ImportPlan Refused(string message) => new([new FileError("", 0, message)], []);
}

/// <summary>
/// Reads and writes sets of milestone files. Storing them is the write path's
/// (<see cref="MilestoneChanges.ImportAsync"/>): all or nothing.
/// </summary>
public static class MilestoneFiles
{
    /// <summary>Whether the file is an approvals ledger (by its name) rather than a milestone.</summary>
    public static bool IsLedger(string path) => Path.GetFileName(path) == ApprovalLedger.FileName;

    /// <summary>
    /// Reads every file and reports all their errors; duplicate IDs across files are errors too.
    /// An approvals ledger among them is read as one, its approvals given to the milestones they name.
    /// </summary>
    public static IReadOnlyList<FileError> Check(IEnumerable<MilestoneFile> files, out List<ReadMilestone> milestones)
    {
        ArgumentNullException.ThrowIfNull(files);
        var errors = new List<FileError>();
        milestones = [];
        var firstById = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var ledger = new List<SignedApproval>();
        foreach (var file in files)
        {
            if (IsLedger(file.Path))
            {
                ledger.AddRange(ApprovalLedger.Read(file.Path, file.Content, errors));
                continue;
            }
            var result = MarkdownImporter.Import(file.Content);
            if (!result.Succeeded)
            {
                errors.AddRange(result.Errors.Select(e => new FileError(file.Path, e.Line, e.Message)));
                continue;
            }
            var milestone = result.Milestone!;
            if (firstById.TryGetValue(milestone.Id, out var other))
                errors.Add(new FileError(file.Path, result.Lines.Id, $"the ID {milestone.Id} is also in {other}: an import takes each ID once"));
            else
                firstById[milestone.Id] = file.Path;
            milestones.Add(new ReadMilestone(file, milestone, result.Lines));
        }
        if (ledger.Count > 0)
        {
            var byId = ledger.ToLookup(a => a.MilestoneId, StringComparer.OrdinalIgnoreCase);
            milestones = [.. milestones.Select(m => m with { Approvals = [.. byId[m.Milestone.Id]] })];
        }
        return errors;
    }

    /// <summary>
    /// Writes one <c>{ID}.md</c> per milestone into <paramref name="folder"/>, and the approvals
    /// ledger of every current approval beside them (of all milestones: <c>check</c> looks up those it is given).
    /// </summary>
    public static async Task<List<string>> ExportAsync(MilestonesDbContext db, string folder, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var query = db.Milestones.AsNoTracking();
        if (ids.Count > 0)
            query = query.Where(m => ids.Contains(m.Id));
        var written = new List<string>();
        await foreach (var milestone in query.OrderBy(m => m.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var path = Path.Combine(folder, FileName(milestone));
            await File.WriteAllBytesAsync(path, Encode(milestone), cancellationToken);
            written.Add(path);
        }
        await File.WriteAllTextAsync(Path.Combine(folder, ApprovalLedger.FileName), ApprovalLedger.Write(await ApprovalLedger.CurrentAsync(db, cancellationToken)), cancellationToken);
        return written;
    }

    public static string FileName(Milestone milestone) => $"{milestone.Id}.md";

    /// <summary>The canonical bytes: UTF-8 without a byte order mark.</summary>
    public static byte[] Encode(Milestone milestone) => System.Text.Encoding.UTF8.GetBytes(MarkdownExporter.Export(milestone));

    /// <summary>
    /// One stored milestone's file name and canonical bytes, from the export its last save stored;
    /// null when no milestone has that ID.
    /// </summary>
    public static async Task<(string FileName, byte[] Content)?> ReadFileAsync(MilestonesDbContext db, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stored = await StoredFileOf(db, id, cancellationToken);
        if (stored is null)
            return null;
        if (stored.Markdown is not null)
            return ($"{stored.Id}.md", System.Text.Encoding.UTF8.GetBytes(stored.Markdown));
        // Stored before the column existed and not saved since.
        var milestone = await db.Milestones.AsNoTracking().FirstAsync(m => m.Id == id, cancellationToken);
        return (FileName(milestone), Encode(milestone));
    }

    private sealed record StoredFile(string Id, string? Markdown);

    // Every export from the page is this one query: compiled once, it skips EF Core's
    // look-up of its translation on each call. EF Core binds it to the first model it runs on,
    // which holds while a process has one engine, and so one model (Database.cs).
    private static readonly Func<MilestonesDbContext, string, CancellationToken, Task<StoredFile?>> StoredFileOf = EF.CompileAsyncQuery(
        (MilestonesDbContext db, string id, CancellationToken _) => db.Milestones.Where(m => m.Id == id)
            .Select(m => new StoredFile(m.Id, EF.Property<string?>(m, MilestonesDbContext.StoredMarkdown)))
            .FirstOrDefault());
}
