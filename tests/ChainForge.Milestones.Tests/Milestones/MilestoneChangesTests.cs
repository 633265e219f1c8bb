using System.Reflection;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Audit;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.History;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Tests.Data;
using ChainForge.Milestones.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Tests.Milestones;

/// <summary>The one write path, on a real SQLite file built by the migrations.</summary>
public sealed class MilestoneChangesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new();
    private readonly FixedClock _clock = new(Monday);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static MilestoneFile File(string markdown, string path = "M-007.md") => new(path, System.Text.Encoding.UTF8.GetBytes(markdown));

    private static string Retitled(string title) => Fixture.Example.Replace("Block Propagation Protocol", title, StringComparison.Ordinal);

    private async Task<T> WithChangesAsync<T>(Func<MilestoneChanges, Task<T>> change)
    {
        await using var db = _database.CreateContext();
        return await change(Actors.Changes(db, _clock));
    }

    private Task<ImportPlan> ImportAsync(string markdown, Actor actor, bool accept = false, string path = "M-007.md") =>
        WithChangesAsync(c => c.ImportAsync(actor, [File(markdown, path)], accept, Cancel));

    /// <summary>The example, with Priya's technical approval, as an administrator moving files in stores it.</summary>
    private async Task ArrangeExampleAsync()
    {
        var plan = await ImportAsync(Fixture.Example, Actors.Admin("root"), accept: true);
        Assert.True(plan.Succeeded, string.Join("\n", plan.Errors));
    }

    private async Task<Milestone> StoredAsync(string id = "M-007")
    {
        await using var db = _database.CreateContext();
        return await db.Milestones.IgnoreQueryFilters().AsNoTracking().SingleAsync(m => m.Id == id, Cancel);
    }

    private async Task<List<Revision>> RevisionsAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Revisions.AsNoTracking().OrderBy(r => r.Number).ToListAsync(Cancel);
    }

    private async Task<List<AuditEvent>> AuditAsync()
    {
        await using var db = _database.CreateContext();
        return await db.AuditEvents.AsNoTracking().OrderBy(a => a.Id).ToListAsync(Cancel);
    }

    private async Task<List<ReviewDecision>> DecisionsAsync()
    {
        await using var db = _database.CreateContext();
        return await db.ReviewDecisions.AsNoTracking().OrderBy(d => d.Id).ToListAsync(Cancel);
    }

    private async Task<ChangeResult> EditAsync(Actor actor, Action<Milestone> edit)
    {
        var milestone = await StoredAsync();
        edit(milestone);
        return await WithChangesAsync(c => c.EditAsync(actor, milestone, milestone.Version, Cancel));
    }

    private async Task<ChangeResult> DecideAsync(Actor reviewer, ReviewKind kind, ReviewStatus status = ReviewStatus.Approved)
    {
        var version = (await StoredAsync()).Version;
        return await WithChangesAsync(c => c.DecideAsync(reviewer, "M-007", kind, status, "", version, Cancel));
    }

    // ---- Every write path: an audit event each, and the role it needs ----

    /// <summary>Each change the write path offers, run on the arranged example by the given person.</summary>
    private static readonly Dictionary<string, (AuditAction Action, Func<MilestoneChangesTests, Actor, Task<bool>> Run)> WritePaths = new()
    {
        [nameof(MilestoneChanges.CreateAsync)] = (AuditAction.MilestoneCreated, async (t, a) =>
            (await t.WithChangesAsync(c => c.CreateAsync(a, new Milestone { Id = "M-100", Title = "New" }, Cancel))).Succeeded),
        [nameof(MilestoneChanges.EditAsync)] = (AuditAction.MilestoneEdited, async (t, a) =>
            (await t.EditAsync(a, m => m.Title = "Edited")).Succeeded),
        [nameof(MilestoneChanges.ImportAsync)] = (AuditAction.MilestoneImported, async (t, a) =>
            (await t.ImportAsync(MarkdownExporter.Export(await t.StoredAsync()).Replace("Block Propagation Protocol", "Imported", StringComparison.Ordinal), a)).Succeeded),
        [nameof(MilestoneChanges.RestoreAsync)] = (AuditAction.MilestoneRestored, async (t, a) =>
        {
            await t.EditAsync(Actors.Author(), m => m.Title = "Edited");
            var version = (await t.StoredAsync()).Version;
            return (await t.WithChangesAsync(c => c.RestoreAsync(a, "M-007", 1, version, Cancel))).Succeeded;
        }
        ),
        [nameof(MilestoneChanges.RequestReviewAsync)] = (AuditAction.ReviewRequested, async (t, a) =>
        {
            var version = (await t.StoredAsync()).Version;
            return (await t.WithChangesAsync(c => c.RequestReviewAsync(a, "M-007", version, Cancel))).Succeeded;
        }
        ),
        [nameof(MilestoneChanges.TickAsync)] = (AuditAction.MilestoneEdited, async (t, a) =>
        {
            var version = (await t.StoredAsync()).Version;
            return (await t.WithChangesAsync(c => c.TickAsync(a, "M-007", "Documentation.User[0]", true, version, Cancel))).Succeeded;
        }
        ),
        [nameof(MilestoneChanges.PushAsync)] = (AuditAction.MilestoneEdited, async (t, a) =>
        {
            var stored = await t.StoredAsync();
            var pushed = MarkdownExporter.Export(stored).Replace("Block Propagation Protocol", "Pushed", StringComparison.Ordinal);
            return (await t.WithChangesAsync(c => c.PushAsync(a, [new PushedFile(File(pushed), stored.Version)], Cancel))).Succeeded;
        }
        ),
        [nameof(MilestoneChanges.DecideAsync)] = (AuditAction.ReviewDecided, async (t, a) =>
            (await t.DecideAsync(a, ReviewKind.Business)).Succeeded),
        [nameof(MilestoneChanges.CommentAsync)] = (AuditAction.SectionCommented, async (t, a) =>
            (await t.WithChangesAsync(c => c.CommentAsync(a, "M-007", "Technical Design", "Say how peers without the mempool catch up.", Cancel))).Succeeded),
        [nameof(MilestoneChanges.ResolveCommentAsync)] = (AuditAction.CommentResolved, async (t, a) =>
        {
            await t.WithChangesAsync(c => c.CommentAsync(Actors.Reviewer(), "M-007", "Technical Design", "Say how peers catch up.", Cancel));
            await using var db = t._database.CreateContext();
            var comment = await db.SectionComments.SingleAsync(Cancel);
            return (await Actors.Changes(db, t._clock).ResolveCommentAsync(a, "M-007", comment.Id, Cancel)).Succeeded;
        }
        ),
        [nameof(MilestoneChanges.ArchiveAsync)] = (AuditAction.MilestoneArchived, async (t, a) =>
            (await t.WithChangesAsync(c => c.ArchiveAsync(a, "M-007", Cancel))).Succeeded),
        [nameof(MilestoneChanges.UnarchiveAsync)] = (AuditAction.MilestoneUnarchived, async (t, a) =>
        {
            await t.WithChangesAsync(c => c.ArchiveAsync(Actors.Author(), "M-007", Cancel));
            return (await t.WithChangesAsync(c => c.UnarchiveAsync(a, "M-007", Cancel))).Succeeded;
        }
        ),
        [nameof(MilestoneChanges.PurgeAsync)] = (AuditAction.MilestonePurged, async (t, a) =>
        {
            await t.WithChangesAsync(c => c.ArchiveAsync(Actors.Author(), "M-007", Cancel));
            return (await t.WithChangesAsync(c => c.PurgeAsync(a, "M-007", Cancel))).Succeeded;
        }
        ),
        [nameof(MilestoneChanges.SeedAsync)] = (AuditAction.MilestoneSeeded, async (t, a) =>
            (await t.WithChangesAsync(c => c.SeedAsync(a, [.. new SampleMilestones(1).Generate(2, 200)], Cancel))).Succeeded),
    };

    /// <summary>Events a case's own set-up leaves (an edit before a restore, an archive before a purge).</summary>
    private static int SetUpEvents(string name) => name is nameof(MilestoneChanges.UnarchiveAsync) or nameof(MilestoneChanges.PurgeAsync) or nameof(MilestoneChanges.RestoreAsync) or nameof(MilestoneChanges.ResolveCommentAsync) ? 1 : 0;

    [Fact]
    public void Every_change_the_write_path_offers_is_listed_here()
    {
        var offered = typeof(MilestoneChanges).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.ReturnType == typeof(Task<ChangeResult>) || m.ReturnType == typeof(Task<PushResult>) || (m.ReturnType == typeof(Task<ImportPlan>) && m.Name != nameof(MilestoneChanges.PlanImportAsync)))
            .Select(m => m.Name).Distinct();
        Assert.Equal(offered.Order(), WritePaths.Keys.Order());
    }

    public static TheoryData<string> WritePathNames() => [.. WritePaths.Keys];

    [Theory]
    [MemberData(nameof(WritePathNames))]
    public async Task Each_write_path_leaves_an_audit_event_naming_who_what_and_the_channel(string name)
    {
        await ArrangeExampleAsync();
        var (action, run) = WritePaths[name];
        var before = (await AuditAsync()).Count;

        Assert.True(await run(this, Actors.With("kim", MilestoneChanges.RoleNeeded[action])), name);

        var last = (await AuditAsync())[before..].Last(a => a.Action == action);
        Assert.Equal(("kim", Channel.Web, Monday), (last.Actor, last.Channel, last.At));
        Assert.NotNull(last.MilestoneId);
    }

    [Theory]
    [MemberData(nameof(WritePathNames))]
    public async Task Each_write_path_refuses_someone_without_its_role_and_stores_nothing(string name)
    {
        await ArrangeExampleAsync();
        var (action, run) = WritePaths[name];
        var others = Roles.All.Where(r => r != MilestoneChanges.RoleNeeded[action]).ToArray();
        var before = (await AuditAsync()).Count;

        Assert.False(await run(this, Actors.With("kim", others)), name);

        Assert.Equal(before + SetUpEvents(name), (await AuditAsync()).Count);
    }

    /// <summary>The files that may save to the store, each with what it saves; a new one must say why here.</summary>
    private static readonly Dictionary<string, string> Writers = new()
    {
        ["Milestones/MilestoneChanges.cs"] = "milestones, review decisions, revisions, comments, notifications: the write path",
        ["Accounts/AccountChanges.cs"] = "accounts, roles and team settings, with their audit events",
        ["Accounts/FirstRunSetup.cs"] = "the setup code of a fresh instance, before any account exists",
        ["Milestones/Reviews/TeamSettingsStore.cs"] = "the settings row, for AccountChanges",
        ["Data/ReviewScopes.cs"] = "the part of migration TrustedReviews that SQL cannot do",
        ["Data/MilestoneSearch.cs"] = "the part of migration NaturalOrderAndSearch that SQL cannot do: sort keys and search text, computed as every save does",
        ["Data/RevisionTaskCounts.cs"] = "the part of migration BurnUp that SQL cannot do: each stored revision's task counts",
        ["Data/PageFactsBackfill.cs"] = "the page facts of milestones stored before them or in an older format, computed as every save does",
        ["Accounts/AccessTokenAuthentication.cs"] = "a token's last use, at most once a minute",
        ["Data/MilestonesDbContext.cs"] = "the stored renderings that go with every save",
        ["Pages/Notifications/Index.cshtml.cs"] = "a person's own read marks",
        ["Audit/AuditTrail.cs"] = "nothing: it watches saves, to log and count the audit events they store",
        ["Webhooks/WebhookChanges.cs"] = "webhooks and replays of their deliveries, with their audit events",
        ["Webhooks/WebhookDispatcher.cs"] = "each delivery's lease and what its attempts came to",
        ["Milestones/Reviews/ApprovalSigner.cs"] = "the signing key, made once, and the signatures of approvals recorded before there was one",
    };

    [Fact]
    public void Nothing_but_the_write_paths_saves_to_the_store()
    {
        var source = Path.Combine(Fixture.RepositoryRoot, "src", "ChainForge.Milestones");
        var saving = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => System.Text.RegularExpressions.Regex.IsMatch(System.IO.File.ReadAllText(f), @"\b(SaveChanges|ExecuteDelete|ExecuteUpdate|BeginTransaction)"))
            .Select(f => Path.GetRelativePath(source, f).Replace(Path.DirectorySeparatorChar, '/'));

        Assert.Equal(Writers.Keys.Order(), saving.Order());
    }

    [Fact]
    public void Only_the_write_path_adds_milestones_decisions_revisions_or_comments()
    {
        var source = Path.Combine(Fixture.RepositoryRoot, "src", "ChainForge.Milestones");
        var adding = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => System.Text.RegularExpressions.Regex.IsMatch(System.IO.File.ReadAllText(f),
                @"\.(Milestones|ReviewDecisions|Revisions|SectionComments)\s*\.\s*(Add|AddRange|Update|UpdateRange|Attach|AttachRange|Remove|RemoveRange)\("))
            .Select(f => Path.GetRelativePath(source, f).Replace(Path.DirectorySeparatorChar, '/'));

        Assert.Equal(["Milestones/MilestoneChanges.cs"], adding);
    }

    // ---- Gates: no path skips them ----

    [Fact]
    public async Task A_new_milestone_cannot_start_completed()
    {
        var result = await WithChangesAsync(c => c.CreateAsync(Actors.Author(), new Milestone { Id = "M-001", Status = MilestoneStatus.Completed }, Cancel));

        Assert.Equal(ChangeOutcome.Refused, result.Outcome);
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task An_edit_to_completed_without_both_approvals_is_refused()
    {
        await ArrangeExampleAsync();

        var result = await EditAsync(Actors.Author(), m => m.Status = MilestoneStatus.Completed);

        Assert.Equal(ChangeOutcome.Refused, result.Outcome);
        Assert.Contains(result.Refusals, r => r.Contains("the business review APPROVED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_authors_import_that_breaks_a_gate_is_refused_at_the_status_line()
    {
        var completed = Fixture.Example
            .Replace("- **Status**: IN_PROGRESS", "- **Status**: COMPLETED", StringComparison.Ordinal)
            .Replace("- **Status**: APPROVED", "- **Status**: PENDING", StringComparison.Ordinal)
            .Replace("- **Reviewer**: Priya Natarajan", "- **Reviewer**: [REVIEWER_NAME]", StringComparison.Ordinal)
            .Replace("- **Date**: 2026-11-18", "- **Date**: [REVIEW_DATE]", StringComparison.Ordinal)
            .Replace("- **Comments**: Wire format is sound; add the fuzz target before phase 3.", "- **Comments**: [REVIEW_COMMENTS]", StringComparison.Ordinal);

        var plan = await ImportAsync(completed, Actors.Author());

        Assert.Contains(plan.Errors, e => e.ToString().StartsWith("M-007.md:201: Completion needs the technical review and the business review APPROVED", StringComparison.Ordinal));
        Assert.Equal(0, await _database.CountAsync());
    }

    [Fact]
    public async Task A_restore_that_would_break_a_gate_is_refused()
    {
        await ArrangeExampleAsync();
        await DecideAsync(Actors.Reviewer("sam"), ReviewKind.Business);
        Assert.True((await EditAsync(Actors.Author(), m => { m.AcceptanceCriteria.MustHave.ForEach(c => c.Done = true); m.Status = MilestoneStatus.Completed; })).Succeeded);
        var completedRevision = (await RevisionsAsync())[^1].Number;
        // Then a business part changes: its approval goes stale, and COMPLETED no longer passes.
        await EditAsync(Actors.Author(), m => { m.Status = MilestoneStatus.InProgress; m.ProblemStatement += " More."; });

        var version = (await StoredAsync()).Version;
        var result = await WithChangesAsync(c => c.RestoreAsync(Actors.Author(), "M-007", completedRevision, version, Cancel));

        Assert.Equal(ChangeOutcome.Refused, result.Outcome);
        Assert.Contains(result.Refusals, r => r.Contains("COMPLETED", StringComparison.Ordinal) && r.Contains("the business review APPROVED", StringComparison.Ordinal));
        Assert.Equal(MilestoneStatus.InProgress, (await StoredAsync()).Status);
    }

    [Fact]
    public async Task An_edit_that_undoes_an_approval_cannot_complete_on_it_in_the_same_save()
    {
        await ArrangeExampleAsync();
        await DecideAsync(Actors.Reviewer("sam"), ReviewKind.Business);

        var result = await EditAsync(Actors.Author(), m =>
        {
            m.AcceptanceCriteria.MustHave.ForEach(c => c.Done = true);
            m.ProblemStatement += " More.";
            m.Status = MilestoneStatus.Completed;
        });

        Assert.Equal(ChangeOutcome.Refused, result.Outcome);
        Assert.Contains(result.Refusals, r => r.Contains("the business review APPROVED", StringComparison.Ordinal));
        var stored = await StoredAsync();
        Assert.Equal((MilestoneStatus.InProgress, ReviewStatus.Approved), (stored.Status, stored.Review.BusinessReview.Status));
    }

    [Fact]
    public async Task A_completed_milestones_approved_content_cannot_change_without_leaving_completed()
    {
        await ArrangeExampleAsync();
        await DecideAsync(Actors.Reviewer("sam"), ReviewKind.Business);
        Assert.True((await EditAsync(Actors.Author(), m => { m.AcceptanceCriteria.MustHave.ForEach(c => c.Done = true); m.Status = MilestoneStatus.Completed; })).Succeeded);

        var result = await EditAsync(Actors.Author(), m => m.ProblemStatement += " More.");

        Assert.Equal(ChangeOutcome.Refused, result.Outcome);
        Assert.Contains(result.Refusals, r => r.Contains("set the status back from COMPLETED", StringComparison.Ordinal));
        Assert.True((await EditAsync(Actors.Author(), m => { m.ProblemStatement += " More."; m.Status = MilestoneStatus.InProgress; })).Succeeded);
    }

    [Fact]
    public async Task An_authors_import_that_undoes_an_approval_cannot_complete_on_it()
    {
        await ArrangeExampleAsync();
        await DecideAsync(Actors.Reviewer("sam"), ReviewKind.Business);
        var exported = MarkdownExporter.Export(await StoredAsync());
        var completing = exported
            .Replace("- **Status**: IN_PROGRESS", "- **Status**: COMPLETED", StringComparison.Ordinal)
            .Replace("- [ ] ", "- [x] ", StringComparison.Ordinal)
            .Replace("Orphan rates climb", "Orphan rates often climb", StringComparison.Ordinal);

        var plan = await ImportAsync(completing, Actors.Author());

        Assert.Contains(plan.Errors, e => e.Line == 201 && e.Message.Contains("the business review APPROVED", StringComparison.Ordinal));
        Assert.Equal(MilestoneStatus.InProgress, (await StoredAsync()).Status);
    }

    [Fact]
    public async Task An_accepting_import_spelling_the_ID_in_other_case_keeps_the_approval_it_accepts()
    {
        await ArrangeExampleAsync();
        var lower = Fixture.Example.Replace("- **ID**: M-007", "- **ID**: m-007", StringComparison.Ordinal).Replace("Priya Natarajan", "Priya N.", StringComparison.Ordinal);

        Assert.True((await ImportAsync(lower, Actors.Admin(), accept: true)).Succeeded);

        var stored = await StoredAsync();
        Assert.Equal(("M-007", "Priya N.", ReviewStatus.Approved), (stored.Id, stored.Review.TechnicalReview.Reviewer, stored.Review.TechnicalReview.Status));
    }

    [Fact]
    public async Task Asking_for_review_of_a_blank_milestone_says_what_is_missing()
    {
        await WithChangesAsync(c => c.CreateAsync(Actors.Author(), new Milestone { Id = "M-001" }, Cancel));

        var version = (await StoredAsync("M-001")).Version;
        var result = await WithChangesAsync(c => c.RequestReviewAsync(Actors.Author(), "M-001", version, Cancel));

        Assert.Equal(ChangeOutcome.Refused, result.Outcome);
        Assert.Contains("Problem Statement", Assert.Single(result.Refusals), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_again_for_review_from_the_page_that_asked_says_it_is_in_review_not_that_the_page_is_stale()
    {
        await ArrangeExampleAsync();
        var seen = (await StoredAsync()).Version;
        Assert.True((await WithChangesAsync(c => c.RequestReviewAsync(Actors.Author(), "M-007", seen, Cancel))).Succeeded);

        var again = await WithChangesAsync(c => c.RequestReviewAsync(Actors.Author(), "M-007", seen, Cancel));

        Assert.Equal(ChangeOutcome.Refused, again.Outcome);
        Assert.Equal(["M-007 is already in review."], again.Refusals);
    }

    [Fact]
    public async Task Who_saved_last_is_told_as_you_to_the_person_who_did()
    {
        await WithChangesAsync(c => c.CreateAsync(Actors.Author("nora"), new Milestone { Id = "M-001" }, Cancel));

        Assert.Equal("you (in another window)", await WithChangesAsync(c => c.LastSavedByAsync(Actors.Author("nora"), "M-001", Cancel)));
        Assert.Equal("nora", await WithChangesAsync(c => c.LastSavedByAsync(Actors.Author("omar"), "M-001", Cancel)));
    }

    // ---- Approvals come only from reviewers ----

    [Fact]
    public async Task An_authors_import_of_a_file_claiming_an_approval_is_refused_at_the_review_line()
    {
        var plan = await ImportAsync(Fixture.Example, Actors.Author());

        var error = Assert.Single(plan.Errors);
        Assert.StartsWith("M-007.md:187: the technical review says APPROVED by Priya Natarajan, which this app has not recorded", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("approvals are recorded in the app by reviewers", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _database.CountAsync());
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task An_authors_import_cannot_replace_a_reviewers_approval_with_another()
    {
        await ArrangeExampleAsync();
        var forged = MarkdownExporter.Export(await StoredAsync()).Replace("- **Reviewer**: Priya Natarajan", "- **Reviewer**: Mallory", StringComparison.Ordinal);

        var plan = await ImportAsync(forged, Actors.Author());

        Assert.Contains(plan.Errors, e => e.Line == 187 && e.Message.Contains("by Mallory", StringComparison.Ordinal));
        Assert.Equal("Priya Natarajan", (await StoredAsync()).Review.TechnicalReview.Reviewer);
    }

    [Fact]
    public async Task An_administrators_accepting_import_records_the_reviews_as_accepted_from_a_file_by_them()
    {
        await ArrangeExampleAsync();

        var decision = Assert.Single(await DecisionsAsync());
        Assert.Equal((ReviewKind.Technical, ReviewStatus.Approved, "Priya Natarajan", ReviewSource.AcceptedFromFile, "root", (int?)1),
            (decision.Kind, decision.Status, decision.Reviewer, decision.Source, decision.RecordedBy, decision.RevisionNumber));
        Assert.Contains(await AuditAsync(), a => a.Action == AuditAction.ReviewsAcceptedFromFile && a.Actor == "root" && a.Details.Contains("Priya Natarajan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_an_administrator_may_accept_the_reviews_a_file_states()
    {
        var plan = await ImportAsync(Fixture.Example, Actors.Author(), accept: true);

        Assert.Equal("Only an administrator can accept the reviews a file states.", Assert.Single(plan.Errors).ToString());
    }

    [Fact]
    public async Task An_exported_file_imported_again_unchanged_changes_nothing()
    {
        await ArrangeExampleAsync();
        var stored = await StoredAsync();

        var plan = await ImportAsync(MarkdownExporter.Export(stored), Actors.Author());

        Assert.Equal(ImportAction.Unchanged, Assert.Single(plan.Milestones).Action);
        Assert.Single(await RevisionsAsync());
        Assert.Equal(stored.Version, (await StoredAsync()).Version);
    }

    [Fact]
    public async Task A_file_whose_reviews_say_nothing_keeps_the_recorded_ones()
    {
        await ArrangeExampleAsync();
        var blank = MarkdownExporter.Export(new Milestone { Id = "M-007", Title = "Rewritten from a blank template" });

        var plan = await ImportAsync(blank, Actors.Author());

        Assert.True(plan.Succeeded, string.Join("\n", plan.Errors));
        var technical = (await StoredAsync()).Review.TechnicalReview;
        Assert.Equal(("Priya Natarajan", ReviewStatus.Pending), (technical.Reviewer, technical.Status));
        Assert.StartsWith("Became PENDING because ana changed", technical.Comments, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_is_held_to_the_editors_rules_at_the_line_of_the_section_that_breaks_them()
    {
        var text = Fixture.Example.Replace("Block Propagation Protocol", new string('x', MilestoneLimits.Line + 1), StringComparison.Ordinal);

        var plan = await ImportAsync(text, Actors.Admin(), accept: true);

        var error = Assert.Single(plan.Errors);
        Assert.Equal(("M-007.md", 3), (error.Path, error.Line));
        Assert.Contains($"{MilestoneLimits.Line}", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _database.CountAsync());
    }

    [Fact]
    public async Task An_archived_milestones_ID_cannot_be_imported_over()
    {
        await ArrangeExampleAsync();
        await WithChangesAsync(c => c.ArchiveAsync(Actors.Author(), "M-007", Cancel));

        var plan = await ImportAsync(Retitled("Again"), Actors.Admin(), accept: true);

        Assert.Contains(plan.Errors, e => e.Line == 5 && e.Message.Contains("archived", StringComparison.Ordinal));
    }

    // ---- Approvals signed by the server, and brought back from a repository ----

    private async Task<System.Security.Cryptography.ECDsa> PublicKeyAsync()
    {
        await using var db = _database.CreateContext();
        var pem = await db.ApprovalSigningKeys.AsNoTracking().Select(k => k.PublicKey).SingleAsync(Cancel);
        return SignedApproval.ReadPublicKey(pem)!;
    }

    private async Task<string> LedgerAsync()
    {
        await using var db = _database.CreateContext();
        return ApprovalLedger.Write(await ApprovalLedger.CurrentAsync(db, Cancel));
    }

    [Fact]
    public async Task Every_approval_recorded_is_signed_and_the_ledger_holds_the_current_ones()
    {
        await ArrangeExampleAsync();
        Assert.True((await DecideAsync(Actors.Reviewer("bea"), ReviewKind.Business)).Succeeded);
        using var key = await PublicKeyAsync();

        var approvals = (await DecisionsAsync()).Where(d => d.Status == ReviewStatus.Approved).ToList();
        var errors = new List<FileError>();
        var ledger = ApprovalLedger.Read("ledger", System.Text.Encoding.UTF8.GetBytes(await LedgerAsync()), errors);

        Assert.Equal(2, approvals.Count);
        Assert.All(approvals, d => Assert.True(new SignedApproval(d.MilestoneId, d.Kind, d.Reviewer, d.Date!.Value, d.Status, d.ReviewedHash, SignedApproval.SourceName(d.Source), d.Signature!).IsSignedBy(key)));
        Assert.Equal([ReviewKind.Technical, ReviewKind.Business], ledger.Select(a => a.Kind));
        Assert.Empty(ApprovalLedger.Verify([new ReadMilestone(File(""), await StoredAsync(), new SourceLines(1, 1, 1, 1))], ledger, key));

        // An approval gone stale leaves the ledger.
        Assert.True((await EditAsync(Actors.Author("ana"), m => m.Design.Architecture += " More.")).Succeeded);
        Assert.DoesNotContain("\"technical\"", await LedgerAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_author_importing_a_file_with_a_ledger_this_server_signed_brings_the_approval_back()
    {
        await ArrangeExampleAsync();
        var approved = MarkdownExporter.Export(await StoredAsync());
        var ledger = await LedgerAsync();
        Assert.True((await EditAsync(Actors.Author("ana"), m => m.Design.Architecture += " More.")).Succeeded);
        Assert.Equal(ReviewStatus.Pending, (await StoredAsync()).Review.TechnicalReview.Status);

        var plan = await WithChangesAsync(c => c.ImportAsync(Actors.Author("ana"),
            [File(approved), new MilestoneFile($"repo/{ApprovalLedger.FileName}", System.Text.Encoding.UTF8.GetBytes(ledger))], false, Cancel));

        Assert.True(plan.Succeeded, string.Join("\n", plan.Errors));
        Assert.Equal(ReviewStatus.Approved, (await StoredAsync()).Review.TechnicalReview.Status);
        var latest = (await DecisionsAsync())[^1];
        Assert.Equal((ReviewSource.FromLedger, "Priya Natarajan", "ana"), (latest.Source, latest.Reviewer, latest.RecordedBy));
        Assert.Contains(await AuditAsync(), a => a.Action == AuditAction.SignedApprovalsImported && a.Actor == "ana");
    }

    [Fact]
    public async Task An_approval_a_reviewer_took_back_does_not_come_back_from_a_file()
    {
        await ArrangeExampleAsync();
        var approved = MarkdownExporter.Export(await StoredAsync());
        var ledger = await LedgerAsync();
        var version = (await StoredAsync()).Version;
        Assert.True((await WithChangesAsync(c => c.DecideAsync(Actors.Reviewer("bea"), "M-007", ReviewKind.Technical, ReviewStatus.Rejected, "The fuzz target is missing.", version, Cancel))).Succeeded);

        var plan = await WithChangesAsync(c => c.ImportAsync(Actors.Author("ana"),
            [File(approved), new MilestoneFile(ApprovalLedger.FileName, System.Text.Encoding.UTF8.GetBytes(ledger))], false, Cancel));

        Assert.Contains("M-007.md:187: the ledger's technical approval by Priya Natarajan was followed by bea's REJECTED", string.Join("\n", plan.Errors), StringComparison.Ordinal);
        Assert.Equal(ReviewStatus.Rejected, (await StoredAsync()).Review.TechnicalReview.Status);
    }

    [Fact]
    public async Task A_ledger_signed_by_another_key_or_of_other_content_restores_nothing()
    {
        await ArrangeExampleAsync();
        var stored = await StoredAsync();
        var ledger = await LedgerAsync();
        Assert.True((await EditAsync(Actors.Author("ana"), m => m.Design.Architecture += " More.")).Succeeded);
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var forged = ApprovalLedger.Write([SignedApproval.Sign(ReviewWorkflow.Accept(stored, ReviewKind.Technical, "mallory", Monday), other)!]);
        var edited = stored.Copy();
        edited.Design.Architecture += " Edited in git.";

        var byOtherKey = await WithChangesAsync(c => c.ImportAsync(Actors.Author("ana"), [File(MarkdownExporter.Export(stored)), new MilestoneFile(ApprovalLedger.FileName, System.Text.Encoding.UTF8.GetBytes(forged))], false, Cancel));
        var ofOtherContent = await WithChangesAsync(c => c.ImportAsync(Actors.Author("ana"), [File(MarkdownExporter.Export(edited)), new MilestoneFile(ApprovalLedger.FileName, System.Text.Encoding.UTF8.GetBytes(ledger))], false, Cancel));

        Assert.Contains("M-007.md:187: the technical review says APPROVED by Priya Natarajan, which this app has not recorded", string.Join("\n", byOtherKey.Errors), StringComparison.Ordinal);
        Assert.Contains("not valid under the public key", string.Join("\n", byOtherKey.Errors), StringComparison.Ordinal);
        Assert.Contains("changed after the approval", string.Join("\n", ofOtherContent.Errors), StringComparison.Ordinal);
        Assert.Contains("M-007.md:187: the technical review says APPROVED", string.Join("\n", ofOtherContent.Errors), StringComparison.Ordinal);
        Assert.Equal(ReviewStatus.Pending, (await StoredAsync()).Review.TechnicalReview.Status);
    }

    // ---- Approvals scoped to their sections, and credited ----

    [Fact]
    public async Task A_business_only_edit_keeps_the_technical_approval_and_credits_the_author_on_the_business_one()
    {
        await ArrangeExampleAsync();
        await DecideAsync(Actors.Reviewer("sam"), ReviewKind.Business);
        _clock.Now = Monday.AddDays(1);

        await EditAsync(Actors.Author("ana"), m => m.Risks.BusinessRisks.Add(new Risk { Description = "Late", Mitigation = "Start early" }));

        var stored = await StoredAsync();
        Assert.Equal(ReviewStatus.Approved, stored.Review.TechnicalReview.Status);
        Assert.Equal(ReviewStatus.Pending, stored.Review.BusinessReview.Status);
        Assert.Equal("Became PENDING because ana changed Business Risks on 2026-11-24.", stored.Review.BusinessReview.Comments);
        var stale = (await DecisionsAsync())[^1];
        Assert.Equal((ReviewSource.Stale, "ana", "sam", (int?)(await RevisionsAsync())[^1].Number), (stale.Source, stale.RecordedBy, stale.Reviewer, stale.RevisionNumber));
    }

    [Fact]
    public async Task Restoring_keeps_the_review_section_and_stales_what_the_restore_changes()
    {
        await ArrangeExampleAsync();
        await EditAsync(Actors.Author(), m => m.Design.Architecture += " Now with QUIC.");
        await DecideAsync(Actors.Reviewer("sam"), ReviewKind.Technical);

        var version = (await StoredAsync()).Version;
        var result = await WithChangesAsync(c => c.RestoreAsync(Actors.Author("ben"), "M-007", 1, version, Cancel));

        Assert.Equal(ChangeOutcome.Done, result.Outcome);
        var stored = await StoredAsync();
        Assert.Equal(("sam", ReviewStatus.Pending), (stored.Review.TechnicalReview.Reviewer, stored.Review.TechnicalReview.Status));
        Assert.StartsWith("Became PENDING because ben changed Technical Design", stored.Review.TechnicalReview.Comments, StringComparison.Ordinal);
        var last = (await RevisionsAsync())[^1];
        Assert.Equal((result.Revision!.Value, RevisionKind.Restore, "ben"), (last.Number, last.Kind, last.Author));
        Assert.Equal(MarkdownExporter.Export(stored), last.Markdown);
    }

    [Fact]
    public async Task A_change_made_from_an_older_version_is_refused_and_changes_nothing()
    {
        await ArrangeExampleAsync();
        var seen = await StoredAsync();
        await EditAsync(Actors.Author(), m => m.Title = "Compact blocks");
        seen.Title = "Mine";

        var result = await WithChangesAsync(c => c.EditAsync(Actors.Author("ben"), seen, seen.Version, Cancel));

        Assert.Equal(ChangeOutcome.Stale, result.Outcome);
        Assert.Equal("Compact blocks", (await StoredAsync()).Title);
    }

    // ---- Self-review by authorship ----

    [Fact]
    public async Task A_reviewer_who_changed_a_reviews_parts_may_not_approve_it_but_may_approve_the_other()
    {
        await ArrangeExampleAsync();
        var both = Actors.With("ana", Roles.Author, Roles.Reviewer);
        // The technical approval came with the file; ana then changes a technical part only.
        await EditAsync(both, m => m.Design.Architecture += " Now with QUIC.");

        var technical = await DecideAsync(both, ReviewKind.Technical);
        var business = await DecideAsync(both, ReviewKind.Business);

        Assert.Equal(ChangeOutcome.Refused, technical.Outcome);
        Assert.Contains("another reviewer must approve it", Assert.Single(technical.Refusals), StringComparison.Ordinal);
        Assert.Equal(ChangeOutcome.Done, business.Outcome);
    }

    [Fact]
    public async Task Ticking_a_box_does_not_make_the_content_the_tickers_own_work()
    {
        await ArrangeExampleAsync();
        var both = Actors.With("ana", Roles.Author, Roles.Reviewer);
        await EditAsync(both, m => m.AcceptanceCriteria.MustHave[0].Done = !m.AcceptanceCriteria.MustHave[0].Done);

        await using var db = _database.CreateContext();
        Assert.False(await Actors.Changes(db, _clock).IsOwnWorkAsync("ana", "M-007", ReviewKind.Technical, Cancel));
    }

    // ---- Comments on sections ----

    [Fact]
    public async Task A_comment_needs_a_known_section_and_some_text()
    {
        await ArrangeExampleAsync();

        var result = await WithChangesAsync(c => c.CommentAsync(Actors.Reviewer(), "M-007", "Somewhere", "  ", Cancel));

        Assert.Equal(["Choose the section the comment is about.", "Write the comment."], result.Refusals);
    }

    // ---- Archive instead of delete ----

    [Fact]
    public async Task An_archived_milestone_leaves_the_lists_keeps_its_history_and_its_ID()
    {
        await ArrangeExampleAsync();

        Assert.True((await WithChangesAsync(c => c.ArchiveAsync(Actors.Author(), "M-007", Cancel))).Succeeded);

        Assert.Equal(0, await _database.CountAsync());
        Assert.Single(await RevisionsAsync());
        Assert.Single(await DecisionsAsync());
        Assert.Equal(ChangeOutcome.IdTaken, (await WithChangesAsync(c => c.CreateAsync(Actors.Author(), new Milestone { Id = "m-007" }, Cancel))).Outcome);
    }

    [Fact]
    public async Task Purging_deletes_an_archived_milestone_with_its_history_and_the_log_keeps_that_it_happened()
    {
        await ArrangeExampleAsync();
        Assert.Equal(ChangeOutcome.NotFound, (await WithChangesAsync(c => c.PurgeAsync(Actors.Admin(), "M-007", Cancel))).Outcome);
        await WithChangesAsync(c => c.ArchiveAsync(Actors.Author(), "M-007", Cancel));

        Assert.True((await WithChangesAsync(c => c.PurgeAsync(Actors.Admin("root"), "M-007", Cancel))).Succeeded);

        Assert.Empty(await RevisionsAsync());
        Assert.Empty(await DecisionsAsync());
        Assert.Contains(await AuditAsync(), a => a.Action == AuditAction.MilestonePurged && a.MilestoneId == "M-007" && a.Actor == "root");
    }

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    // ---- Ticking a box on the milestone page ----

    private async Task<ChangeResult> TickAsync(string box, bool ticked, Guid? startedFrom = null)
    {
        var version = startedFrom ?? (await StoredAsync()).Version;
        return await WithChangesAsync(c => c.TickAsync(Actors.Author("ada"), "M-007", box, ticked, version, Cancel));
    }

    [Fact]
    public async Task A_tick_changes_that_one_box_recomputes_progress_and_records_a_revision_that_says_which()
    {
        await ArrangeExampleAsync();
        var before = await StoredAsync();
        var task = before.ImplementationPlan.Phases[1].Tasks.FindIndex(t => !t.Done);

        var result = await TickAsync($"ImplementationPlan.Phases[1].Tasks[{task}]", true);

        Assert.True(result.Succeeded, string.Join(" ", result.Refusals));
        var after = await StoredAsync();
        Assert.True(after.ImplementationPlan.Phases[1].Tasks[task].Done);
        Assert.NotEqual(before.Version, after.Version);
        Assert.True(after.Progress > before.Progress);
        Assert.Equal("ada", after.LastEditedBy);
        after.ImplementationPlan.Phases[1].Tasks[task].Done = false;
        (after.Progress, after.LastUpdated, after.LastEditedBy, after.Version) = (before.Progress, before.LastUpdated, before.LastEditedBy, before.Version);
        Assert.Equal(MarkdownExporter.Export(before), MarkdownExporter.Export(after));
        Assert.Contains(await AuditAsync(), a => a.Action == AuditAction.MilestoneEdited && a.Actor == "ada" && a.Details.EndsWith($"ticked Phase 2 task {task + 1} on the milestone page", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tick_made_from_an_older_version_is_refused_and_changes_nothing()
    {
        await ArrangeExampleAsync();
        var opened = (await StoredAsync()).Version;
        Assert.True((await EditAsync(Actors.Author("bob"), m => m.Title = "Bob's title")).Succeeded);

        var result = await TickAsync("Documentation.User[0]", true, opened);

        Assert.Equal(ChangeOutcome.Stale, result.Outcome);
        Assert.False((await StoredAsync()).Documentation.User[0].Done);
    }

    [Fact]
    public async Task A_tick_of_a_box_the_milestone_has_not_is_not_found_and_one_already_so_stores_nothing()
    {
        await ArrangeExampleAsync();
        var revisions = (await RevisionsAsync()).Count;

        Assert.Equal(ChangeOutcome.NotFound, (await TickAsync("Requirements.Functional[999]", true)).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await TickAsync("Title", true)).Outcome);
        var done = (await StoredAsync()).Requirements.Functional.FindIndex(r => r.Done);
        Assert.True((await TickAsync($"Requirements.Functional[{done}]", true)).Succeeded);

        Assert.Equal(revisions, (await RevisionsAsync()).Count);
    }

    [Fact]
    public async Task A_tick_keeps_the_approvals_since_they_cover_what_was_agreed_not_how_far_the_work_is()
    {
        await ArrangeExampleAsync();
        Assert.Equal(ReviewStatus.Approved, (await StoredAsync()).Review.TechnicalReview.Status);

        Assert.True((await TickAsync("Testing.UnitTests[0]", !(await StoredAsync()).Testing.UnitTests[0].Done)).Succeeded);

        Assert.Equal(ReviewStatus.Approved, (await StoredAsync()).Review.TechnicalReview.Status);
    }
}
