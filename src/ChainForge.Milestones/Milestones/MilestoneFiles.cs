using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Milestones;

/// <summary>A milestone file to import: where it came from and its bytes.</summary>
public sealed record MilestoneFile(string Path, byte[] Content);

/// <summary>A problem in one file of an import, as <c>path:line: message</c>.</summary>
public sealed record FileError(string Path, int Line, string Message)
{
    public override string ToString() => $"{Path}:{Line}: {Message}";
}

/// <summary>What an import will do, or did: each milestone and whether it replaces a stored one.</summary>
public sealed record ImportPlan(IReadOnlyList<FileError> Errors, IReadOnlyList<(MilestoneFile File, Milestone Milestone, bool Replaces)> Milestones)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Imports and exports sets of milestone files. An import is all or nothing: every file is
/// read and checked before anything is stored, and one error anywhere stores nothing.
/// </summary>
public static class MilestoneFiles
{
    /// <summary>Reads every file and reports all their errors; duplicate IDs across files are errors too.</summary>
    public static IReadOnlyList<FileError> Check(IEnumerable<MilestoneFile> files, out List<(MilestoneFile File, Milestone Milestone)> milestones)
    {
        var errors = new List<FileError>();
        milestones = [];
        var firstById = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            var result = MarkdownImporter.Import(file.Content);
            if (!result.Succeeded)
            {
                errors.AddRange(result.Errors.Select(e => new FileError(file.Path, e.Line, e.Message)));
                continue;
            }
            var milestone = result.Milestone!;
            if (firstById.TryGetValue(milestone.Id, out var other))
                errors.Add(new FileError(file.Path, result.IdLine, $"the ID {milestone.Id} is also in {other}: an import takes each ID once"));
            else
                firstById[milestone.Id] = file.Path;
            milestones.Add((file, milestone));
        }
        return errors;
    }

    /// <summary>Checks the files and says, for each milestone, whether it would replace a stored one.</summary>
    public static async Task<ImportPlan> PlanAsync(MilestonesDbContext db, IEnumerable<MilestoneFile> files, CancellationToken cancellationToken = default)
    {
        var errors = Check(files, out var milestones);
        if (errors.Count > 0)
            return new ImportPlan(errors, []);
        var ids = milestones.Select(m => m.Milestone.Id).ToList();
        var stored = (await db.Milestones.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new ImportPlan([], [.. milestones.Select(m => (m.File, m.Milestone, stored.Contains(m.Milestone.Id)))]);
    }

    /// <summary>
    /// Creates or replaces each milestone by ID, in one transaction, or stores nothing. The
    /// file's values are stored as they are (no computed progress); reviews it carries that the
    /// app has not recorded are kept as decided outside the app, approvals of content the file
    /// changes turn stale, and each milestone gets a revision of kind Import by <paramref name="author"/>.
    /// </summary>
    public static async Task<ImportPlan> ImportAsync(MilestonesDbContext db, IEnumerable<MilestoneFile> files, string author, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(db, files, cancellationToken);
        if (!plan.Succeeded)
            return plan;

        var ids = plan.Milestones.Select(m => m.Milestone.Id).ToList();
        var stored = await db.Milestones.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Version, m.CreatedBy }).ToDictionaryAsync(m => m.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        foreach (var (_, milestone, _) in plan.Milestones)
        {
            milestone.LastEditedBy = author;
            if (stored.TryGetValue(milestone.Id, out var existing))
            {
                // A full replace, still guarded: a save that lands in between makes this one fail.
                milestone.Id = existing.Id;
                milestone.CreatedBy = existing.CreatedBy;
                var entry = db.Milestones.Attach(milestone);
                entry.State = EntityState.Modified;
                entry.Property(m => m.Version).OriginalValue = existing.Version;
                // Pinning is the app's, not the file's: a replace keeps it.
                entry.Property(m => m.ProgressPinned).IsModified = false;
            }
            else
            {
                milestone.CreatedBy = author;
                db.Milestones.Add(milestone);
            }
            milestone.Version = Guid.NewGuid();

            var now = clock.GetUtcNow();
            var latest = await ReviewHistory.LatestAsync(db, milestone.Id, cancellationToken);
            var imported = ReviewWorkflow.RecordImported(milestone, latest, now);
            foreach (var decision in imported)
                latest[decision.Kind] = decision;
            db.ReviewDecisions.AddRange(imported);
            db.ReviewDecisions.AddRange(ReviewWorkflow.InvalidateStaleApprovals(milestone, latest, now));
            await History.Revisions.RecordAsync(db, milestone, author, History.RevisionKind.Import, clock, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        return plan;
    }

    /// <summary>Writes one <c>{ID}.md</c> per milestone into <paramref name="folder"/>.</summary>
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
        var stored = await db.Milestones.Where(m => m.Id == id)
            .Select(m => new { m.Id, Markdown = EF.Property<string?>(m, MilestonesDbContext.StoredMarkdown) })
            .FirstOrDefaultAsync(cancellationToken);
        if (stored is null)
            return null;
        if (stored.Markdown is not null)
            return ($"{stored.Id}.md", System.Text.Encoding.UTF8.GetBytes(stored.Markdown));
        // Stored before the column existed and not saved since.
        var milestone = await db.Milestones.AsNoTracking().FirstAsync(m => m.Id == id, cancellationToken);
        return (FileName(milestone), Encode(milestone));
    }
}
