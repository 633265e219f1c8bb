using System.Text.Json;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Milestones.Tracking;
using ChainForge.Milestones.Pages.Milestones;
using ChainForge.Milestones.Tests.Data;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Tests.Pages.Milestones;

/// <summary>
/// The milestone page's plain SQL reads what EF Core's mapping reads, on the engine this assembly
/// runs on: the reader names the mapped columns itself, so these tests hold it to the mapping.
/// </summary>
public sealed class MilestonePageReaderTests : IAsyncLifetime
{
    // UTC: PostgreSQL keeps instants, not offsets.
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 15, 42, 123, TimeSpan.Zero);
    private readonly TestDatabase _database = new();
    private readonly MilestonePageReader _reader;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public MilestonePageReaderTests() => _reader = new MilestonePageReader(_database.Settings);

    [Fact]
    public async Task It_reads_the_stored_page_facts_and_html_of_every_sample_milestone_as_ef_core_does()
    {
        var samples = new SampleMilestones(7).Generate(40, 1).ToList();
        await using (var db = _database.CreateContext())
        {
            db.Milestones.AddRange(samples);
            await db.SaveChangesAsync(Cancel);
        }

        await using var read = _database.CreateContext();
        foreach (var sample in samples)
        {
            var stored = await _reader.ReadAsync(read, sample.Id, Cancel);
            var row = await read.Milestones.AsNoTracking().Where(m => m.Id == sample.Id)
                .Select(m => new { Milestone = m, Html = EF.Property<string?>(m, MilestonesDbContext.StoredHtml) }).SingleAsync(Cancel);
            Assert.NotNull(stored);
            Assert.Equal(row.Milestone.Version, stored.Version);
            Assert.Equal(row.Html, stored.Html);
            Assert.Equal(MilestonePageFacts.Of(row.Milestone).ToJson(), stored.Facts?.ToJson());
        }
    }

    [Fact]
    public async Task It_reads_each_reviews_latest_decision_and_the_comments_open_first_as_the_history_does()
    {
        await using (var db = _database.CreateContext())
        {
            db.Milestones.AddRange(new Milestone { Id = "M-101" }, new Milestone { Id = "M-102" });
            db.ReviewDecisions.AddRange(
                Decision("M-101", ReviewKind.Technical, ReviewSource.App, "priya"),
                Decision("M-101", ReviewKind.Business, ReviewSource.Stale, "ana", revision: 3, changed: "Requirements"),
                Decision("M-101", ReviewKind.Technical, ReviewSource.Stale, "ana", revision: 4, changed: "Technical Design, Testing"),
                Decision("M-102", ReviewKind.Technical, ReviewSource.AcceptedFromFile, "root"));
            db.SectionComments.AddRange(
                Comment("M-101", "Requirements", "Name the limit.", resolved: true),
                Comment("M-101", "Testing", "Which network?", resolved: false),
                Comment("M-102", "Risks", "Not this one's.", resolved: false));
            await db.SaveChangesAsync(Cancel);
        }

        await using var read = _database.CreateContext();
        var stored = await _reader.ReadAsync(read, "m-101", Cancel);

        Assert.NotNull(stored);
        Assert.Equal(await ReviewHistory.LatestStateAsync(read, "M-101", Cancel), stored.Reviews);
        Assert.Equal([(ReviewKind.Technical, "ana", (int?)4, "Technical Design, Testing"), (ReviewKind.Business, "ana", 3, "Requirements")],
            stored.Reviews.Select(r => (r.Kind, r.RecordedBy, r.RevisionNumber, r.ChangedParts)));
        Assert.Equal(At, stored.Reviews[0].RecordedAt);
        Assert.Equal(Json(await SectionComments.OfAsync(read, "M-101", Cancel)), Json(stored.Comments));
        Assert.Equal(["Which network?", "Name the limit."], stored.Comments.Select(c => c.Text));
    }

    [Fact]
    public async Task An_archived_or_unknown_milestone_has_no_page()
    {
        await using (var db = _database.CreateContext())
        {
            db.Milestones.Add(new Milestone { Id = "M-201", ArchivedAt = At, ArchivedBy = "root" });
            await db.SaveChangesAsync(Cancel);
        }

        await using var read = _database.CreateContext();
        Assert.Null(await _reader.ReadAsync(read, "M-201", Cancel));
        Assert.Null(await _reader.ReadAsync(read, "M-404", Cancel));
    }

    [Fact]
    public async Task Prerequisites_are_the_named_milestones_in_use_other_than_itself_whatever_their_case()
    {
        await using (var db = _database.CreateContext())
        {
            db.Milestones.AddRange(
                new Milestone { Id = "M-301", Title = "Relay", Status = MilestoneStatus.InProgress, Dependencies = ["m-302", "M-303", "M-301", "M-304", "a vendor's API"] },
                new Milestone { Id = "M-302", Title = "Codec", Status = MilestoneStatus.Completed },
                new Milestone { Id = "M-303", Title = "Peers" },
                new Milestone { Id = "M-304", Title = "Gone", ArchivedAt = At, ArchivedBy = "root" });
            await db.SaveChangesAsync(Cancel);
        }

        await using var read = _database.CreateContext();
        var stored = (await _reader.ReadAsync(read, "M-301", Cancel))!;
        var facts = stored.Facts!;
        var prerequisites = await _reader.PrerequisitesAsync(read, "M-301", facts.NamedIds, Cancel);

        Assert.Equal([("M-302", "Codec", (MilestoneStatus?)MilestoneStatus.Completed), ("M-303", "Peers", null)],
            prerequisites.OrderBy(p => p.Id).Select(p => (p.Id, p.Title, p.Status)));
        // The page's own read finds the same from the stored facts.
        Assert.Equal(Json(prerequisites.OrderBy(p => p.Id)), Json(stored.Prerequisites.OrderBy(p => p.Id)));
        var milestone = await read.Milestones.AsNoTracking().SingleAsync(m => m.Id == "M-301", Cancel);
        var around = await TrackingQueries.DependencyGraphAroundAsync(read, milestone, Cancel);
        Assert.Equal(Json(TrackingSummary.Of(milestone, new DateOnly(2026, 11, 30), around)), Json(facts.Tracking(new DateOnly(2026, 11, 30), prerequisites)));
        var blockedBy = facts.Tracking(new DateOnly(2026, 11, 30), prerequisites).BlockedBy;
        Assert.Contains("M-303", blockedBy);
        Assert.DoesNotContain("M-302", blockedBy);
        Assert.Empty(await _reader.PrerequisitesAsync(read, "M-301", [], Cancel));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not json")]
    [InlineData("""{"Format":1,"NamedIds":["M-502"]}""")]
    public async Task Without_facts_of_the_current_format_the_page_reads_no_prerequisites_and_no_facts(string? stored)
    {
        await using (var db = _database.CreateContext())
        {
            db.Milestones.AddRange(new Milestone { Id = "M-501", Dependencies = ["M-502"] }, new Milestone { Id = "M-502" });
            await db.SaveChangesAsync(Cancel);
            await db.Milestones.Where(m => m.Id == "M-501").ExecuteUpdateAsync(s => s.SetProperty(m => EF.Property<string?>(m, MilestonesDbContext.StoredPageFacts), stored), Cancel);
        }

        await using var read = _database.CreateContext();
        var page = (await _reader.ReadAsync(read, "M-501", Cancel))!;

        Assert.Null(page.Facts);
        Assert.Empty(page.Prerequisites);
    }

    [Fact]
    public async Task Reads_run_side_by_side_on_kept_statements()
    {
        await using (var db = _database.CreateContext())
        {
            db.Milestones.AddRange(new SampleMilestones(11).Generate(8, 401));
            await db.SaveChangesAsync(Cancel);
        }

        var reads = Enumerable.Range(0, 64).Select(async i =>
        {
            await using var db = _database.CreateContext();
            return (await _reader.ReadAsync(db, SampleMilestones.IdFor(401 + i % 8), Cancel))?.Facts?.Id;
        });

        Assert.Equal(Enumerable.Range(0, 64).Select(i => SampleMilestones.IdFor(401 + i % 8)), await Task.WhenAll(reads));
    }

    private static ReviewDecision Decision(string id, ReviewKind kind, ReviewSource source, string by, int? revision = null, string changed = "") =>
        new() { MilestoneId = id, Kind = kind, Status = ReviewStatus.Pending, Source = source, RecordedBy = by, RecordedAt = At, RevisionNumber = revision, ChangedParts = changed, ReviewedMarkdown = "the file" };

    private static SectionComment Comment(string id, string section, string text, bool resolved) =>
        new() { MilestoneId = id, Section = section, Text = text, Reviewer = "priya", At = At, ResolvedBy = resolved ? "ana" : "", ResolvedAt = resolved ? At.AddHours(1) : null };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _database.DisposeAsync();
    }
}
