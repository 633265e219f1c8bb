using ChainForge.Milestones.Milestones.History;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Tests.Data;

/// <summary>Revisions stored before the burn-up get their task counts at start-up.</summary>
public sealed class RevisionTaskCountsTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_revision_is_counted_from_its_markdown_against_the_one_before()
    {
        var example = MarkdownImporter.Import(Fixture.Example).Milestone!;
        var tasks = example.ImplementationPlan.Phases.SelectMany(p => p.Tasks).ToList();
        var grown = MarkdownImporter.Import(Fixture.Example).Milestone!;
        grown.ImplementationPlan.Phases[0].Tasks.Add(ChainForge.Milestones.Milestones.ChecklistItem.Of("Benchmark the relay", done: true));
        await using (var db = _database.CreateContext())
        {
            db.Milestones.Add(example);
            // As the migration leaves them: no counts.
            db.Revisions.Add(new Revision { MilestoneId = "M-007", Number = 2, Markdown = MarkdownExporter.Export(grown) });
            db.Revisions.Add(new Revision { MilestoneId = "M-007", Number = 1, Markdown = Fixture.Example });
            await db.SaveChangesAsync(Cancel);
        }

        await using (var db = _database.CreateContext())
            await ChainForge.Milestones.Data.RevisionTaskCounts.BackfillAsync(db, Cancel);

        await using var read = _database.CreateContext();
        var counts = await read.Revisions.OrderBy(r => r.Number).Select(r => new { r.TasksPlanned, r.TasksDone, r.TasksAdded, r.TasksRemoved }).ToListAsync(Cancel);
        Assert.Equal(new { TasksPlanned = (int?)tasks.Count, TasksDone = (int?)tasks.Count(t => t.Done), TasksAdded = (int?)tasks.Count, TasksRemoved = (int?)0 }, counts[0]);
        Assert.Equal(new { TasksPlanned = (int?)tasks.Count + 1, TasksDone = (int?)tasks.Count(t => t.Done) + 1, TasksAdded = (int?)1, TasksRemoved = (int?)0 }, counts[1]);
    }

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
