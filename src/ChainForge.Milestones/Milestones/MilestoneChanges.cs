using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Audit;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Hosting;
using ChainForge.Milestones.Milestones.History;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Milestones.Tracking;
using ChainForge.Milestones.Notifications;
using ChainForge.Milestones.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChainForge.Milestones.Milestones;

public static class MilestoneChangesServices
{
    public static IServiceCollection AddMilestoneChanges(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<WaitingReviews>();
        // Data Protection keeps the signing key's private half (AddSharedKeys says where its own keys are).
        services.AddDataProtection();
        services.TryAddSingleton<ApprovalSigner>();
        return services.AddScoped<MilestoneChanges>();
    }
}

public enum ChangeOutcome { Done, NotFound, Forbidden, Stale, Refused, IdTaken }

/// <summary>What came of asking for a change: done (with the revision it stored), or why not.</summary>
public sealed record ChangeResult(ChangeOutcome Outcome, IReadOnlyList<string> Refusals, int? Revision = null)
{
    public bool Succeeded => Outcome == ChangeOutcome.Done;

    internal static ChangeResult Done(int? revision = null) => new(ChangeOutcome.Done, [], revision);

    internal static ChangeResult Of(ChangeOutcome outcome) => new(outcome, []);

    internal static ChangeResult Refused(IReadOnlyList<string> refusals) => new(ChangeOutcome.Refused, refusals);
}

/// <summary>
/// The one write path for milestones, their review decisions and revisions. Every change, from
/// the editor, an import (upload or command line), a restore, a review page, the archive or the
/// seed, comes here and, in one transaction: checks that the actor may make it, checks the
/// version it was made from, applies the gates, turns approvals of changed parts to PENDING
/// crediting the actor, records a revision and records an audit event. Nothing else writes them.
/// </summary>
public sealed class MilestoneChanges(MilestonesDbContext db, TimeProvider clock, MilestonesMetrics metrics, ApprovalSigner signer)
{
    // Read once a unit of work needs to sign an approval (edits never do), or to check a ledger's signature.
    private System.Security.Cryptography.ECDsa? _signingKey;
    private System.Security.Cryptography.ECDsa? _publicKey;

    // The active webhooks, read once a unit of work: its changes are told to them through the outbox.
    private List<WebhookSubscriber>? _webhooks;

    /// <summary>The role each change needs, whatever the channel; the pages' own rules say the same.</summary>
    public static readonly IReadOnlyDictionary<AuditAction, string> RoleNeeded = new Dictionary<AuditAction, string>
    {
        [AuditAction.MilestoneCreated] = Roles.Author,
        [AuditAction.MilestoneEdited] = Roles.Author,
        [AuditAction.MilestoneImported] = Roles.Author,
        [AuditAction.MilestoneRestored] = Roles.Author,
        [AuditAction.ReviewRequested] = Roles.Author,
        [AuditAction.MilestoneArchived] = Roles.Author,
        [AuditAction.MilestoneSeeded] = Roles.Author,
        [AuditAction.ReviewDecided] = Roles.Reviewer,
        [AuditAction.SectionCommented] = Roles.Reviewer,
        [AuditAction.CommentResolved] = Roles.Author,
        [AuditAction.ReviewsAcceptedFromFile] = Roles.Admin,
        // The server's own signature vouches for them: anyone who may import may bring them back.
        [AuditAction.SignedApprovalsImported] = Roles.Author,
        [AuditAction.MilestoneUnarchived] = Roles.Admin,
        [AuditAction.MilestonePurged] = Roles.Admin,
    };

    public static bool May(Actor actor, AuditAction action)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Holds(RoleNeeded[action]);
    }

    private DateTimeOffset Now => clock.GetUtcNow();

    // The editor's rules hold for every path in: a file or a restore cannot store what the editor could not.
    private static readonly MilestoneValidator Validator = new();

    private static IReadOnlyList<string> Invalid(Milestone milestone) =>
        [.. Validator.Validate(milestone).Errors.Select(e => e.ErrorMessage)];

    /// <summary>A new milestone. Its reviews start blank: only reviewers fill them in.</summary>
    public async Task<ChangeResult> CreateAsync(Actor actor, Milestone milestone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        if (!May(actor, AuditAction.MilestoneCreated))
            return ChangeResult.Of(ChangeOutcome.Forbidden);
        if (await IdTakenAsync(milestone.Id, cancellationToken))
            return ChangeResult.Of(ChangeOutcome.IdTaken);
        milestone.Review = new ReviewAndApproval();
        milestone.CreatedBy = milestone.LastEditedBy = actor.Name;
        (milestone.ArchivedAt, milestone.ArchivedBy) = (null, "");
        if (Invalid(milestone) is { Count: > 0 } invalid)
            return ChangeResult.Refused(invalid);
        if (Gates.Refusals(milestone, milestone.Status) is { Count: > 0 } refusals)
            return ChangeResult.Refused(refusals);
        MilestoneTracking.ApplyOnSave(milestone, TrackingQueries.Today(clock));
        milestone.Version = Guid.NewGuid();
        db.Milestones.Add(milestone);
        var revision = await StageAsync(actor, null, milestone, RevisionKind.Save, AuditAction.MilestoneCreated, "created in the editor", [], cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone created the same ID since the check above: never replace theirs.
            db.ChangeTracker.Clear();
            if (await IdTakenAsync(milestone.Id, cancellationToken))
                return ChangeResult.Of(ChangeOutcome.IdTaken);
            throw;
        }
        return ChangeResult.Done(revision);
    }

    /// <summary>
    /// A save from the editor, made from <paramref name="startedFrom"/>. The review section and who
    /// created the milestone are the app's, not the form's; progress and Last Updated are computed.
    /// </summary>
    public async Task<ChangeResult> EditAsync(Actor actor, Milestone edited, Guid startedFrom, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edited);
        if (!May(actor, AuditAction.MilestoneEdited))
            return ChangeResult.Of(ChangeOutcome.Forbidden);
        if (await LoadAsync(edited.Id, cancellationToken) is not { } before)
            return ChangeResult.Of(ChangeOutcome.NotFound);
        if (before.Version != startedFrom)
            return ChangeResult.Of(ChangeOutcome.Stale);
        KeepAppsOwn(before, edited, actor);
        if (Invalid(edited) is { Count: > 0 } invalid)
            return ChangeResult.Refused(invalid);
        if (edited.Status != before.Status && Gates.Refusals(edited, edited.Status) is { Count: > 0 } refusals)
            return ChangeResult.Refused(refusals);
        MilestoneTracking.ApplyOnSave(edited, TrackingQueries.Today(clock));
        return await ReplaceAsync(actor, before, edited, RevisionKind.Save, AuditAction.MilestoneEdited, "saved in the editor", [], cancellationToken);
    }

    /// <summary>
    /// Ticks or clears one box (<see cref="MilestoneBoxes"/>) from the milestone page, made from
    /// <paramref name="startedFrom"/>: an edit of that one item, through every rule an edit meets.
    /// </summary>
    public async Task<ChangeResult> TickAsync(Actor actor, string id, string box, bool ticked, Guid startedFrom, CancellationToken cancellationToken = default)
    {
        if (!May(actor, AuditAction.MilestoneEdited))
            return ChangeResult.Of(ChangeOutcome.Forbidden);
        if (await LoadAsync(id, cancellationToken) is not { } before)
            return ChangeResult.Of(ChangeOutcome.NotFound);
        if (before.Version != startedFrom)
            return ChangeResult.Of(ChangeOutcome.Stale);
        var next = before.Copy();
        if (MilestoneBoxes.Find(next, box) is not { } found)
            return ChangeResult.Of(ChangeOutcome.NotFound);
        if (found.Ticked == ticked)
            return ChangeResult.Done();
        found.Tick(ticked);
        KeepAppsOwn(before, next, actor);
        MilestoneTracking.ApplyOnSave(next, TrackingQueries.Today(clock));
        return await ReplaceAsync(actor, before, next, RevisionKind.Save, AuditAction.MilestoneEdited,
            $"{(ticked ? "ticked" : "cleared")} {found.Label} on the milestone page", [], cancellationToken);
    }

    /// <summary>Puts revision <paramref name="number"/>'s content back, as an edit: through the gates, reviews kept.</summary>
    public async Task<ChangeResult> RestoreAsync(Actor actor, string id, int number, Guid startedFrom, CancellationToken cancellationToken = default)
    {
        if (!May(actor, AuditAction.MilestoneRestored))
            return ChangeResult.Of(ChangeOutcome.Forbidden);
        var markdown = await db.Revisions.Where(r => r.MilestoneId == id && r.Number == number).Select(r => r.Markdown).SingleOrDefaultAsync(cancellationToken);
        if (await LoadAsync(id, cancellationToken) is not { } before || markdown is null)
            return ChangeResult.Of(ChangeOutcome.NotFound);
        if (before.Version != startedFrom)
            return ChangeResult.Of(ChangeOutcome.Stale);
        if (MarkdownImporter.Import(markdown).Milestone is not { } restored)
            return ChangeResult.Refused(["This revision's markdown no longer reads as a milestone, so it cannot be restored."]);
        restored.Id = before.Id;
        restored.ProgressPinned = before.ProgressPinned;
        KeepAppsOwn(before, restored, actor);
        if (Invalid(restored) is { Count: > 0 } invalid)
            return ChangeResult.Refused(invalid);
        if (restored.Status != before.Status && Gates.Refusals(restored, restored.Status) is { Count: > 0 } refusals)
            return ChangeResult.Refused([.. refusals.Select(r => $"Revision {number} is {TemplateSpelling.Write(restored.Status!.Value)}: {r}")]);
        MilestoneTracking.ApplyOnSave(restored, TrackingQueries.Today(clock));
        return await ReplaceAsync(actor, before, restored, RevisionKind.Restore, AuditAction.MilestoneRestored, $"restored revision {number}", [], cancellationToken);
    }

    /// <summary>A reviewer's decision on one review, made from <paramref name="startedFrom"/>.</summary>
    public async Task<ChangeResult> DecideAsync(Actor actor, string id, ReviewKind kind, ReviewStatus status, string comments, Guid startedFrom, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!May(actor, AuditAction.ReviewDecided))
            return ChangeResult.Of(ChangeOutcome.Forbidden);
        if (await LoadAsync(id, cancellationToken) is not { } before)
            return ChangeResult.Of(ChangeOutcome.NotFound);
        if (before.Version != startedFrom)
            return ChangeResult.Of(ChangeOutcome.Stale);
        var ownWork = await IsOwnWorkAsync(actor.Name, id, kind, cancellationToken);
        if (ReviewWorkflow.Refusals(kind, status, comments, ownWork) is { Count: > 0 } refusals)
            return ChangeResult.Refused(refusals);
        var next = before.Copy();
        var decision = ReviewWorkflow.Decide(next, kind, status, comments, actor.Name, Now);
        return await ReplaceAsync(actor, before, next, RevisionKind.Review, AuditAction.ReviewDecided,
            $"{kind.ToString().ToLowerInvariant()} review {TemplateSpelling.Write(status)}", [decision], cancellationToken);
    }

    /// <summary>Whether the team's rule keeps <paramref name="reviewer"/> from approving this review: they changed what it covers.</summary>
    public async Task<bool> IsOwnWorkAsync(string reviewer, string id, ReviewKind kind, CancellationToken cancellationToken = default) =>
        !(await TeamSettingsStore.GetAsync(db, cancellationToken)).AllowSelfReview
        && await ReviewHistory.WroteCoveredPartsAsync(db, id, kind, reviewer, cancellationToken);

    /// <summary>A reviewer's comment on one part of the milestone; its writers are told.</summary>
    public async Task<ChangeResult> CommentAsync(Actor actor, string id, string section, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!May(actor, AuditAction.SectionCommented))
            return ChangeResult.Of(ChangeOutcome.Forbidden);
        if (await LoadAsync(id, cancellationToken) is not { } milestone)
            return ChangeResult.Of(ChangeOutcome.NotFound);
        if (SectionComments.Refusals(section, text) is { Count: > 0 } refusals)
            return ChangeResult.Refused(refusals);
        db.SectionComments.Add(new SectionComment { MilestoneId = milestone.Id, Section = section, Text = text.Trim(), Reviewer = actor.Name, At = Now });
        AuditLog.Add(db, actor, AuditAction.SectionCommented, Now, $"on {section}", milestone.Id);
        var writers = await db.Revisions.Where(r => r.MilestoneId == milestone.Id).Select(r => r.Author).Distinct().ToListAsync(cancellationToken);
        Notify(actor, await AccountsAmongAsync(writers, cancellationToken), milestone.Id, NotificationKind.Commented,
            $"{actor.Name} commented on {section} of {Describe(milestone)}: {text.Trim()}", null);
        return await SaveAsync(null, cancellationToken);
    }

    /// <summary>An author marks a reviewer's comment as dealt with.</summary>
    public async Task<ChangeResult> ResolveCommentAsync(Actor actor, string id, long commentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!May(actor, AuditAction.CommentResolved))
            return ChangeResult.Of(ChangeOutcome.Forbidden);
        if (await db.SectionComments.FirstOrDefaultAsync(c => c.Id == commentId && c.MilestoneId == id && c.ResolvedAt == null, cancellationToken) is not { } comment
            || !await db.Milestones.AnyAsync(m => m.Id == id, cancellationToken))
            return ChangeResult.Of(ChangeOutcome.NotFound);
        (comment.ResolvedBy, comment.ResolvedAt) = (actor.Name, Now);
        AuditLog.Add(db, actor, AuditAction.CommentResolved, Now, $"{comment.Reviewer}'s comment on {comment.Section}", comment.MilestoneId);
        return await SaveAsync(null, cancellationToken);
    }

    /// <summary>An author asks for review: the milestone moves to REVIEW through the gate.</summary>
    public async Task<ChangeResult> RequestReviewAsync(Actor actor, string id, Guid startedFrom, CancellationToken cancellationToken = default)
    {
        if (!May(actor, AuditAction.ReviewRequested))
            return ChangeResult.Of(ChangeOutcome.Forbidden);
        if (await LoadAsync(id, cancellationToken) is not { } before)
            return ChangeResult.Of(ChangeOutcome.NotFound);
        // Already in review, from whatever version the asker saw: said as that, not as a stale page.
        if (before.Status == MilestoneStatus.Review)
            return ChangeResult.Refused([$"{id} is already in review."]);
        if (before.Version != startedFrom)
            return ChangeResult.Of(ChangeOutcome.Stale);
        var next = before.Copy();
        next.Status = MilestoneStatus.Review;
        next.LastEditedBy = actor.Name;
        if (Gates.Refusals(next, next.Status) is { Count: > 0 } refusals)
            return ChangeResult.Refused(refusals);
        MilestoneTracking.ApplyOnSave(next, TrackingQueries.Today(clock));
        return await ReplaceAsync(actor, before, next, RevisionKind.Save, AuditAction.ReviewRequested, "asked for review", [], cancellationToken);
    }

    /// <summary>Moves a milestone out of every list into the archive, with its history and reviews.</summary>
    public Task<ChangeResult> ArchiveAsync(Actor actor, string id, CancellationToken cancellationToken = default) =>
        ArchiveAsync(actor, id, null, cancellationToken);

    /// <param name="startedFrom">The version the archive was asked from (the API's If-Match); null: whatever is stored.</param>
    public async Task<ChangeResult> ArchiveAsync(Actor actor, string id, Guid? startedFrom, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!May(actor, AuditAction.MilestoneArchived))
            return ChangeResult.Of(ChangeOutcome.Forbidden);
        if (await LoadAsync(id, cancellationToken) is not { } before)
            return ChangeResult.Of(ChangeOutcome.NotFound);
        if (startedFrom is { } version && version != before.Version)
            return ChangeResult.Of(ChangeOutcome.Stale);
        return await SetArchivedAsync(actor, before, (Now, actor.Name), AuditAction.MilestoneArchived, cancellationToken);
    }

    /// <summary>Brings an archived milestone back into the lists.</summary>
    public async Task<ChangeResult> UnarchiveAsync(Actor actor, string id, CancellationToken cancellationToken = default)
    {
        if (!May(actor, AuditAction.MilestoneUnarchived))
            return ChangeResult.Of(ChangeOutcome.Forbidden);
        if (await LoadArchivedAsync(id, cancellationToken) is not { } before)
            return ChangeResult.Of(ChangeOutcome.NotFound);
        return await SetArchivedAsync(actor, before, (null, ""), AuditAction.MilestoneUnarchived, cancellationToken);
    }

    /// <summary>Deletes an archived milestone for good, with its revisions and decisions; the audit log keeps that it happened.</summary>
    public async Task<ChangeResult> PurgeAsync(Actor actor, string id, CancellationToken cancellationToken = default)
    {
        if (!May(actor, AuditAction.MilestonePurged))
            return ChangeResult.Of(ChangeOutcome.Forbidden);
        if (await LoadArchivedAsync(id, cancellationToken) is not { } archived)
            return ChangeResult.Of(ChangeOutcome.NotFound);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Revisions and decisions go with it (their foreign keys cascade).
        if (await db.Milestones.IgnoreQueryFilters().Where(m => m.Id == archived.Id && m.ArchivedAt != null).ExecuteDeleteAsync(cancellationToken) == 0)
            return ChangeResult.Of(ChangeOutcome.NotFound); // brought back meanwhile
        AuditLog.Add(db, actor, AuditAction.MilestonePurged, Now, archived.Title.Length > 0 ? $"purged \"{archived.Title}\"" : "purged", archived.Id);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ChangeResult.Done();
    }

    /// <summary>
    /// Reads the files and says what an import would do, or every reason it cannot, as
    /// <c>path:line</c>: unreadable files, IDs twice, archived IDs, reviews the app has not
    /// recorded (unless an administrator accepts them) and broken gates.
    /// </summary>
    public async Task<ImportPlan> PlanImportAsync(Actor actor, IReadOnlyList<ReadMilestone> read, bool acceptRecordedReviews, CancellationToken cancellationToken = default) =>
        Counted((await PrepareImportAsync(actor, read, acceptRecordedReviews, cancellationToken)).Plan);

    private ImportPlan Counted(ImportPlan plan)
    {
        if (!plan.Succeeded)
            metrics.ImportRefused(plan.Errors.Count);
        return plan;
    }

    /// <summary>
    /// Creates or replaces each milestone by ID, in one transaction, or stores nothing. The file's
    /// values are stored as they are (no computed progress); a file equal to what is stored
    /// changes nothing.
    /// </summary>
    public async Task<ImportPlan> ImportAsync(Actor actor, IEnumerable<MilestoneFile> files, bool acceptRecordedReviews, CancellationToken cancellationToken = default)
    {
        var errors = MilestoneFiles.Check(files, out var read);
        return errors.Count > 0 ? Counted(new ImportPlan(errors, [])) : await ImportAsync(actor, read, acceptRecordedReviews, cancellationToken);
    }

    /// <summary>The same, for files read already (an upload's preview keeps what it read, so that the confirm does not read it again).</summary>
    public async Task<ImportPlan> ImportAsync(Actor actor, IReadOnlyList<ReadMilestone> read, bool acceptRecordedReviews, CancellationToken cancellationToken = default)
    {
        var (plan, stored) = await PrepareImportAsync(actor, read, acceptRecordedReviews, cancellationToken);
        if (!plan.Succeeded)
            return Counted(plan);
        var gateErrors = new List<FileError>();
        foreach (var planned in plan.Milestones)
        {
            var (file, milestone, action) = planned;
            if (action == ImportAction.Unchanged)
                continue;
            var before = stored.GetValueOrDefault(milestone.Id);
            milestone.LastEditedBy = actor.Name;
            milestone.Version = Guid.NewGuid();
            if (before is null)
                milestone.CreatedBy = actor.Name;
            else
            {
                // The stored spelling of the ID, before anything hashes the content.
                milestone.Id = before.Id;
                milestone.CreatedBy = before.CreatedBy;
                // Pinning is the app's, not the file's: a replace keeps it.
                milestone.ProgressPinned = before.ProgressPinned;
            }
            var accepted = Enum.GetValues<ReviewKind>()
                .Where(kind => !ReviewWorkflow.SaysNothing(ReviewWorkflow.ReviewOf(milestone, kind))
                    && !ReviewWorkflow.SameDecision(ReviewWorkflow.ReviewOf(milestone, kind), before is null ? new Review() : ReviewWorkflow.ReviewOf(before, kind)))
                .Select(kind => planned.SignedReviews.Contains(kind) ? ReviewWorkflow.Restore(milestone, kind, actor.Name, Now) : ReviewWorkflow.Accept(milestone, kind, actor.Name, Now))
                .ToList();
            if (before is null)
                db.Milestones.Add(milestone);
            else
                db.Milestones.Update(milestone).Property(m => m.Version).OriginalValue = before.Version;
            await StageAsync(actor, before, milestone, RevisionKind.Import, AuditAction.MilestoneImported, $"{(before is null ? "created" : "replaced")} from {file.Path}", accepted, cancellationToken);
            // After the approvals it turns stale: a file cannot keep a status its own change undid.
            if (!acceptRecordedReviews)
                gateErrors.AddRange(BreaksGate(before, milestone).Select(r => new FileError(file.Path, planned.StatusLine, r)));
            foreach (var (source, audited) in new[] { (ReviewSource.AcceptedFromFile, AuditAction.ReviewsAcceptedFromFile), (ReviewSource.FromLedger, AuditAction.SignedApprovalsImported) })
            {
                if (accepted.Where(d => d.Source == source).ToList() is { Count: > 0 } these)
                {
                    AuditLog.Add(db, actor, audited, Now,
                        string.Join("; ", these.Select(d => $"{d.Kind.ToString().ToLowerInvariant()} review {TemplateSpelling.Write(d.Status)}{(d.Reviewer.Length > 0 ? $" by {d.Reviewer}" : "")}")) + $" from {file.Path}",
                        milestone.Id);
                }
            }
        }
        if (gateErrors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return Counted(new ImportPlan(gateErrors, []));
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return ImportPlan.Refused("Someone saved or created one of these milestones while the import ran; nothing was imported. Import again to see their change.");
        }
        return plan;
    }

    /// <summary>
    /// Files sent back from a repository (<c>push</c>), all or nothing: each replaces its milestone
    /// as a save from the editor would (its review section stays as recorded), provided the
    /// milestone is still at the version the file was pulled at; a file changed on the server since
    /// is refused with the lines that differ, never merged or overwritten. A file without a version
    /// creates its milestone. Errors name <c>path:line</c>, as an import's do.
    /// </summary>
    public async Task<PushResult> PushAsync(Actor actor, IReadOnlyList<PushedFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (!May(actor, AuditAction.MilestoneEdited) || !May(actor, AuditAction.MilestoneCreated))
            return PushResult.Refused(new FileError("", 0, "Pushing needs the Author role."));
        var errors = MilestoneFiles.Check([.. files.Select(f => f.File)], out var read).ToList();
        if (errors.Count > 0)
            return Counted(PushResult.Refused([.. errors]));
        var pulledAt = files.ToDictionary(f => f.File.Path, f => f.PulledAt, StringComparer.Ordinal);
        var ids = read.Select(r => r.Milestone.Id).ToList();
        var stored = await db.Milestones.IgnoreQueryFilters().AsNoTracking().Where(m => ids.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var conflicts = new Dictionary<string, List<LineDiff.Line?>>(StringComparer.Ordinal);
        var pushed = new List<PushedMilestone>();
        var today = TrackingQueries.Today(clock);
        foreach (var (file, milestone, lines) in read)
        {
            var before = stored.GetValueOrDefault(milestone.Id);
            var version = pulledAt[file.Path];
            string? refusal = (before, version) switch
            {
                ({ ArchivedAt: not null }, _) => $"{before.Id} is archived: an administrator can bring it back from the archive first",
                (not null, null) => $"{before.Id} is on the server already, and this file has no version: pull it, apply your change, push again",
                (null, not null) => $"{milestone.Id} is no longer on the server",
                (not null, { } pulled) when pulled != before.Version =>
                    $"{before.Id} was saved on the server by {before.LastEditedBy} since you pulled it: pull it again, apply your change, push again (the lines that differ are below)",
                _ => null,
            };
            if (refusal is not null)
            {
                errors.Add(new FileError(file.Path, lines.Id, refusal));
                if (before is { ArchivedAt: null } && version is not null)
                    conflicts[file.Path] = LineDiff.Hunks(LineDiff.Unified(MarkdownExporter.Export(before), System.Text.Encoding.UTF8.GetString(file.Content)));
                continue;
            }
            var next = milestone.Copy();
            if (before is null)
            {
                next.Review = new ReviewAndApproval();
                next.CreatedBy = next.LastEditedBy = actor.Name;
            }
            else
            {
                next.Id = before.Id;
                KeepAppsOwn(before, next, actor);
                if (Unchanged(before, next))
                {
                    pushed.Add(new PushedMilestone(file.Path, before.Id, ImportAction.Unchanged, before.Version));
                    continue;
                }
            }
            var refusals = Invalid(next).Concat(before?.Status == next.Status ? [] : Gates.Refusals(next, next.Status)).ToList();
            if (refusals.Count > 0)
            {
                errors.AddRange(refusals.Select(r => new FileError(file.Path, lines.Status, r)));
                continue;
            }
            MilestoneTracking.ApplyOnSave(next, today);
            next.Version = Guid.NewGuid();
            if (before is null)
                db.Milestones.Add(next);
            else
                db.Milestones.Update(next).Property(m => m.Version).OriginalValue = before.Version;
            await StageAsync(actor, before, next, RevisionKind.Import, before is null ? AuditAction.MilestoneCreated : AuditAction.MilestoneEdited, $"pushed from {file.Path}", [], cancellationToken);
            errors.AddRange(BreaksGate(before, next).Select(r => new FileError(file.Path, lines.Status, r)));
            pushed.Add(new PushedMilestone(file.Path, next.Id, before is null ? ImportAction.Create : ImportAction.Replace, next.Version));
        }
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return Counted(new PushResult(errors, [], conflicts));
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return PushResult.Refused(new FileError("", 0, "Someone saved or created one of these milestones while the push ran; nothing was stored. Pull, then push again."));
        }
        return new PushResult([], pushed, conflicts);
    }

    private PushResult Counted(PushResult result)
    {
        if (!result.Succeeded)
            metrics.ImportRefused(result.Errors.Count);
        return result;
    }

    /// <summary>Generated sample milestones (the seed verb): new IDs only, each with its revision and audit event.</summary>
    public async Task<ChangeResult> SeedAsync(Actor actor, IReadOnlyList<Milestone> samples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (!May(actor, AuditAction.MilestoneSeeded))
            return ChangeResult.Of(ChangeOutcome.Forbidden);
        // Batches keep the change tracker small and each transaction short.
        foreach (var batch in samples.Chunk(500))
        {
            foreach (var sample in batch)
            {
                sample.CreatedBy = sample.LastEditedBy = actor.Name;
                sample.Version = Guid.NewGuid();
                db.Milestones.Add(sample);
                // Sample reviews are the operator's own making: accepted knowingly, like an administrator's import.
                var accepted = Enum.GetValues<ReviewKind>()
                    .Where(kind => !ReviewWorkflow.SaysNothing(ReviewWorkflow.ReviewOf(sample, kind)))
                    .Select(kind => ReviewWorkflow.Accept(sample, kind, actor.Name, Now)).ToList();
                await LoadSigningKeyAsync(accepted, cancellationToken);
                AddRecords(actor, null, sample, 1, RevisionKind.Import, AuditAction.MilestoneSeeded, "generated sample", accepted, []);
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return ChangeResult.Done();
    }

    private async Task<(ImportPlan Plan, Dictionary<string, Milestone> Stored)> PrepareImportAsync(Actor actor, IReadOnlyList<ReadMilestone> kept, bool acceptRecordedReviews, CancellationToken cancellationToken)
    {
        if (!May(actor, AuditAction.MilestoneImported))
            return (ImportPlan.Refused("Importing needs the Author role."), []);
        if (acceptRecordedReviews && !May(actor, AuditAction.ReviewsAcceptedFromFile))
            return (ImportPlan.Refused("Only an administrator can accept the reviews a file states."), []);
        // Copies: what was read may be kept for another try (a preview), and an import changes what it stores.
        List<ReadMilestone> read = [.. kept.Select(r => r with { Milestone = r.Milestone.Copy() })];
        var errors = new List<FileError>();
        var ids = read.Select(r => r.Milestone.Id).ToList();
        var stored = await db.Milestones.IgnoreQueryFilters().AsNoTracking().Where(m => ids.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var planned = new List<PlannedImport>();
        foreach (var each in read)
        {
            var (file, milestone, lines) = each;
            var approvals = each.Approvals;
            var signed = new HashSet<ReviewKind>();
            errors.AddRange(Validator.Validate(milestone).Errors.Select(e => new FileError(file.Path, lines.Of(e.PropertyName), e.ErrorMessage)));
            var before = stored.GetValueOrDefault(milestone.Id);
            if (before?.ArchivedAt is not null)
            {
                errors.Add(new FileError(file.Path, lines.Id, $"{before.Id} is archived: an administrator can bring it back from the archive before a file replaces it"));
                continue;
            }
            foreach (var kind in Enum.GetValues<ReviewKind>())
            {
                var claimed = ReviewWorkflow.ReviewOf(milestone, kind);
                var recorded = before is null ? new Review() : ReviewWorkflow.ReviewOf(before, kind);
                // A file that says nothing of a review keeps what reviewers recorded (its template's
                // PENDING stays as it is when nothing was recorded, for the markdown laws).
                if (ReviewWorkflow.SaysNothing(claimed))
                {
                    if (!ReviewWorkflow.SaysNothing(recorded))
                        SetReview(milestone, kind, recorded);
                }
                else if (!ReviewWorkflow.SameDecision(claimed, recorded) && !acceptRecordedReviews)
                {
                    // An approval this server signed, of exactly this content, is the reviewer's own decision coming back.
                    if (await RestoreRefusalAsync(before?.Id ?? milestone.Id, milestone, kind, claimed, approvals, cancellationToken) is { } refusal)
                        errors.Add(new FileError(file.Path, lines.ReviewOf(kind), refusal));
                    else
                        signed.Add(kind);
                }
            }
            if (!acceptRecordedReviews && milestone.Status != before?.Status)
                errors.AddRange(Gates.Refusals(milestone, milestone.Status).Select(r => new FileError(file.Path, lines.Status, r)));
            var action = before is null ? ImportAction.Create
                : Unchanged(before, milestone) ? ImportAction.Unchanged : ImportAction.Replace;
            planned.Add(new PlannedImport(file, milestone, action) { StatusLine = lines.Status, Before = before, SignedReviews = signed });
        }
        return errors.Count > 0 ? (new ImportPlan(errors, []), stored) : (new ImportPlan([], planned), stored);
    }

    /// <summary>
    /// Why a file's APPROVED cannot be brought back; null when it can: the ledger read with it holds
    /// this server's valid signature of exactly that approval of exactly that content, the approval
    /// is one recorded here, with the same comments, and nobody decided that review since (only
    /// changes of what it covers turned it PENDING): a rejection is never undone by a file.
    /// </summary>
    private async Task<string?> RestoreRefusalAsync(string storedId, Milestone milestone, ReviewKind kind, Review claimed, IReadOnlyList<SignedApproval> ledger, CancellationToken cancellationToken)
    {
        if (ledger.Count == 0 || claimed.Status != ReviewStatus.Approved)
            return UnrecordedClaim(kind, claimed);
        // The public half: checking needs nothing Data Protection keeps.
        _publicKey ??= SignedApproval.ReadPublicKey(await signer.PublicKeyPemAsync(db, cancellationToken))!;
        var (approval, problem) = ApprovalLedger.Find(milestone, kind, claimed, ledger, _publicKey);
        if (approval is null)
            return $"{UnrecordedClaim(kind, claimed)} ({problem})";
        var history = await db.ReviewDecisions.AsNoTracking().Where(d => d.MilestoneId == storedId && d.Kind == kind).OrderBy(d => d.Id)
            .Select(d => new { d.Signature, d.Source, d.Status, d.RecordedBy, d.Comments }).ToListAsync(cancellationToken);
        var name = kind.ToString().ToLowerInvariant();
        var at = history.FindLastIndex(d => d.Signature == approval.Signature);
        if (at < 0)
            return $"the ledger's {name} approval by {approval.Reviewer} is signed by this server but is not in this milestone's review history (was it purged and made again?): it cannot be brought back";
        if (history[at].Comments != claimed.Comments)
            return $"the {name} review's comments are not what {approval.Reviewer} recorded with the approval: put them back as exported to bring the approval back";
        if (history.Skip(at + 1).FirstOrDefault(d => d.Source is not (ReviewSource.Stale or ReviewSource.FromLedger)) is { } later)
            return $"the ledger's {name} approval by {approval.Reviewer} was followed by {later.RecordedBy}'s {TemplateSpelling.Write(later.Status)}: a decision taken back in the app does not come back from a file";
        return null;
    }

    private static string UnrecordedClaim(ReviewKind kind, Review claimed) =>
        $"the {kind.ToString().ToLowerInvariant()} review says {(claimed.Status is { } s ? TemplateSpelling.Write(s) : "a decision")}"
        + (claimed.Reviewer.Length > 0 ? $" by {claimed.Reviewer}" : "")
        + ", which this app has not recorded: approvals are recorded in the app by reviewers, so an import cannot state one"
        + $" unless the approvals ledger ({ApprovalLedger.FileName}) imported with it holds this server's signature of it"
        + " (an administrator can import a team's existing files with their reviews accepted)";

    private static bool Unchanged(Milestone stored, Milestone imported)
    {
        imported.ProgressPinned = stored.ProgressPinned;
        return MarkdownExporter.Export(stored) == MarkdownExporter.Export(imported);
    }

    private static void SetReview(Milestone milestone, ReviewKind kind, Review review)
    {
        var copy = new Review { Reviewer = review.Reviewer, Date = review.Date, Status = review.Status, Comments = review.Comments };
        if (kind == ReviewKind.Technical)
            milestone.Review.TechnicalReview = copy;
        else
            milestone.Review.BusinessReview = copy;
    }

    private async Task<ChangeResult> SetArchivedAsync(Actor actor, Milestone before, (DateTimeOffset? At, string By) archived, AuditAction action, CancellationToken cancellationToken)
    {
        var next = before.Copy();
        (next.ArchivedAt, next.ArchivedBy) = archived;
        next.Version = Guid.NewGuid();
        db.Milestones.Update(next).Property(m => m.Version).OriginalValue = before.Version;
        // Not a change of content: no revision, but an event in the log.
        AuditLog.Add(db, actor, action, Now, before.Title.Length > 0 ? $"\"{before.Title}\"" : "", before.Id);
        if (action == AuditAction.MilestoneArchived)
            await TellWebhooksAsync(actor, action, before, next, null, [], [], cancellationToken);
        return await SaveAsync(null, cancellationToken);
    }

    /// <summary>The app keeps these whatever a form or file says: reviews, who created it, whether it is archived.</summary>
    private static void KeepAppsOwn(Milestone before, Milestone next, Actor actor)
    {
        // A copy: turning an approval stale in the change must not change what was stored before it.
        next.Review = DeepCopy.Of(before.Review);
        next.CreatedBy = before.CreatedBy;
        next.LastEditedBy = actor.Name;
        (next.ArchivedAt, next.ArchivedBy) = (before.ArchivedAt, before.ArchivedBy);
    }

    private async Task<ChangeResult> ReplaceAsync(Actor actor, Milestone before, Milestone next, RevisionKind kind, AuditAction action, string details, IReadOnlyList<ReviewDecision> decisions, CancellationToken cancellationToken)
    {
        // A reviewer may take an approval back from a COMPLETED milestone: the page then shows the broken gate.
        var guardGates = action != AuditAction.ReviewDecided;
        next.Version = Guid.NewGuid();
        // Stored only if the row still holds the version this change was made from.
        db.Milestones.Update(next).Property(m => m.Version).OriginalValue = before.Version;
        var revision = await StageAsync(actor, before, next, kind, action, details, decisions, cancellationToken);
        if (guardGates && BreaksGate(before, next) is { Count: > 0 } refusals)
        {
            db.ChangeTracker.Clear();
            return ChangeResult.Refused(refusals);
        }
        return await SaveAsync(revision, cancellationToken);
    }

    /// <summary>
    /// The gates the change would break, judged after the approvals it turns stale: a change of
    /// what an approval covers cannot leave a milestone COMPLETED on an approval it just undid. A
    /// gate the stored milestone broke already (an administrator's accepting import) does not
    /// stop an unrelated change.
    /// </summary>
    private static IReadOnlyList<string> BreaksGate(Milestone? before, Milestone next) =>
        Gates.Broken(next) is { Count: > 0 } refusals && (before is null || before.Status != next.Status || Gates.Broken(before).Count == 0)
            ? [.. refusals, .. before is not null && before.Status == next.Status ? [$"This change makes an approval PENDING again: set the status back from {TemplateSpelling.Write(next.Status!.Value)} first."] : Array.Empty<string>()]
            : [];

    private async Task<ChangeResult> SaveAsync(int? revision, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ChangeResult.Of(ChangeOutcome.Stale);
        }
        return ChangeResult.Done(revision);
    }

    /// <summary>Adds what goes with a change of content to the unit of work; returns the revision's number.</summary>
    private async Task<int> StageAsync(Actor actor, Milestone? before, Milestone next, RevisionKind kind, AuditAction action, string details, IReadOnlyList<ReviewDecision> decisions, CancellationToken cancellationToken)
    {
        var number = await Revisions.NextNumberAsync(db, next.Id, cancellationToken);
        var latest = before is null ? [] : await ReviewHistory.LatestAsync(db, next.Id, cancellationToken);
        await LoadSigningKeyAsync(decisions, cancellationToken);
        var stale = AddRecords(actor, before, next, number, kind, action, details, decisions, latest);
        await NotifyAsync(actor, action, next, decisions, stale, number, cancellationToken);
        await TellWebhooksAsync(actor, action, before, next, number, decisions, stale, cancellationToken);
        return number;
    }

    /// <summary>
    /// Writes to the webhooks' outbox what the change was: created or changed (a review decision is
    /// its own event), review asked for, decisions recorded, approvals gone stale, a new status.
    /// </summary>
    private async Task TellWebhooksAsync(Actor actor, AuditAction action, Milestone? before, Milestone next, int? number, IReadOnlyList<ReviewDecision> decisions, List<ReviewDecision> stale, CancellationToken cancellationToken)
    {
        var webhooks = _webhooks ??= await WebhookOutbox.SubscribersAsync(db, cancellationToken);
        if (webhooks.Count == 0)
            return;
        void Tell(WebhookEvents @event, WebhookReview? review = null, WebhookStatusChange? status = null) =>
            WebhookOutbox.Add(db, webhooks, @event, Now, actor.Name, next, number, review, status);
        static string Spell(ReviewStatus status) => TemplateSpelling.Write(status);
        if (before is null)
            Tell(WebhookEvents.MilestoneCreated);
        else if (action == AuditAction.MilestoneArchived)
            Tell(WebhookEvents.MilestoneArchived);
        else if (action != AuditAction.ReviewDecided)
            Tell(WebhookEvents.MilestoneChanged);
        if (action == AuditAction.ReviewRequested)
            Tell(WebhookEvents.ReviewRequested);
        foreach (var decision in decisions)
            Tell(WebhookEvents.DecisionRecorded, new WebhookReview(decision.Kind.ToString().ToLowerInvariant(), Spell(decision.Status), decision.Reviewer, decision.Comments));
        foreach (var approval in stale)
            Tell(WebhookEvents.ApprovalStale, new WebhookReview(approval.Kind.ToString().ToLowerInvariant(), Spell(approval.Status), approval.Reviewer, approval.Comments, approval.ChangedParts));
        if (before is not null && before.Status != next.Status)
            Tell(WebhookEvents.StatusChanged, status: new WebhookStatusChange(before.Status is { } from ? TemplateSpelling.Write(from) : null, next.Status is { } to ? TemplateSpelling.Write(to) : null));
    }

    /// <summary>Returns the approvals the change turned stale.</summary>
    private List<ReviewDecision> AddRecords(Actor actor, Milestone? before, Milestone next, int number, RevisionKind kind, AuditAction action, string details, IReadOnlyList<ReviewDecision> decisions, Dictionary<ReviewKind, ReviewDecision> latest)
    {
        var now = Now;
        foreach (var decision in decisions)
        {
            decision.RevisionNumber = number;
            latest[decision.Kind] = decision;
            if (decision.Status == ReviewStatus.Approved)
                decision.Signature = SignedApproval.Sign(decision, _signingKey ?? throw new InvalidOperationException("The signing key is read before an approval is recorded."))?.Signature;
        }
        db.ReviewDecisions.AddRange(decisions);
        var stale = before is null ? [] : ReviewWorkflow.InvalidateStaleApprovals(before, next, latest, actor.Name, number, now);
        db.ReviewDecisions.AddRange(stale);
        // Last: the revision is the milestone exactly as it is stored, stale approvals included.
        db.Revisions.Add(Revisions.Of(before, next, number, kind, actor.Name, now));
        AuditLog.Add(db, actor, action, now, $"revision {number}: {details}", next.Id);
        return stale;
    }

    /// <summary>The server signs every approval it records: the key is read when one of these is an approval.</summary>
    private async Task LoadSigningKeyAsync(IEnumerable<ReviewDecision> decisions, CancellationToken cancellationToken)
    {
        if (_signingKey is null && decisions.Any(d => d.Status == ReviewStatus.Approved))
            _signingKey = await signer.PrivateKeyAsync(db, cancellationToken);
    }

    /// <summary>
    /// Tells the people a change concerns, in the same transaction: reviewers when review is
    /// asked for; those who wrote the milestone when a reviewer decides; a reviewer when their
    /// approval goes stale. Never the person who made the change.
    /// </summary>
    private async Task NotifyAsync(Actor actor, AuditAction action, Milestone milestone, IReadOnlyList<ReviewDecision> decisions, List<ReviewDecision> stale, int number, CancellationToken cancellationToken)
    {
        var what = Describe(milestone);
        if (action == AuditAction.ReviewRequested)
        {
            var reviewers = await (from user in db.Users
                                   join userRole in db.UserRoles on user.Id equals userRole.UserId
                                   join role in db.Roles on userRole.RoleId equals role.Id
                                   where role.Name == Roles.Reviewer
                                   select user.UserName!).ToListAsync(cancellationToken);
            Notify(actor, reviewers, milestone.Id, NotificationKind.ReviewRequested, $"{actor.Name} asked for review of {what}.", null);
        }
        foreach (var decision in decisions.Where(d => d.Source == ReviewSource.App && d.Status != ReviewStatus.Pending))
        {
            var writers = await db.Revisions.Where(r => r.MilestoneId == milestone.Id).Select(r => r.Author).Distinct().ToListAsync(cancellationToken);
            var verb = decision.Status == ReviewStatus.Approved ? "approved" : "rejected";
            Notify(actor, await AccountsAmongAsync(writers, cancellationToken), milestone.Id,
                decision.Status == ReviewStatus.Approved ? NotificationKind.Approved : NotificationKind.Rejected,
                $"{actor.Name} {verb} the {decision.Kind.ToString().ToLowerInvariant()} review of {what}{(decision.Comments.Length > 0 ? $": {decision.Comments}" : ".")}", number);
        }
        foreach (var approval in stale)
        {
            Notify(actor, await AccountsAmongAsync([approval.Reviewer], cancellationToken), milestone.Id, NotificationKind.ApprovalStale,
                $"Your {approval.Kind.ToString().ToLowerInvariant()} approval of {what} became PENDING: {actor.Name} changed {(approval.ChangedParts.Length > 0 ? approval.ChangedParts : "what it covers")}.", number);
        }
    }

    private static string Describe(Milestone milestone) => milestone.Title.Length > 0 ? $"{milestone.Id}: {milestone.Title}" : milestone.Id;

    private void Notify(Actor actor, IEnumerable<string> recipients, string milestoneId, NotificationKind kind, string text, int? revision)
    {
        foreach (var recipient in recipients.Where(r => !string.Equals(r, actor.Name, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            db.Notifications.Add(new Notification
            {
                Recipient = recipient,
                At = Now,
                MilestoneId = milestoneId,
                Kind = kind,
                Text = text.Length <= MilestoneLimits.Line * 2 ? text : text[..(MilestoneLimits.Line * 2 - 1)] + "…",
                RevisionNumber = revision,
            });
        }
    }

    /// <summary>The names that are accounts here, as the accounts spell them ("command line" and names typed in files are not).</summary>
    private async Task<List<string>> AccountsAmongAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var normalized = names.Select(n => n.ToUpperInvariant()).ToList();
        return await db.Users.Where(u => normalized.Contains(u.NormalizedUserName!)).Select(u => u.UserName!).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Who saved <paramref name="id"/> last, as a stale page's refusal tells <paramref name="actor"/>:
    /// "you (in another window)" when it was them, so that nobody is told someone else overtook them.
    /// </summary>
    public async Task<string> LastSavedByAsync(Actor actor, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Describe(await db.Milestones.IgnoreQueryFilters().Where(m => m.Id == id).Select(m => m.LastEditedBy).FirstOrDefaultAsync(cancellationToken) ?? "");
    }

    private Task<bool> IdTakenAsync(string id, CancellationToken cancellationToken) =>
        db.Milestones.IgnoreQueryFilters().AsNoTracking().AnyAsync(m => m.Id == id, cancellationToken);

    private Task<Milestone?> LoadAsync(string id, CancellationToken cancellationToken) =>
        db.Milestones.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);

    private Task<Milestone?> LoadArchivedAsync(string id, CancellationToken cancellationToken) =>
        db.Milestones.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.ArchivedAt != null, cancellationToken);

}
