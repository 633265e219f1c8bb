using System.Text.Json;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;

namespace ChainForge.Milestones.Tests.Milestones;

public sealed class SampleMilestonesTests
{
    private static string Json(Milestone milestone)
    {
        milestone.Version = Guid.Empty;
        return JsonSerializer.Serialize(milestone);
    }

    [Fact]
    public void The_same_seed_gives_the_same_milestones()
    {
        var first = new SampleMilestones(42).Generate(20, 1).Select(MarkdownExporter.Export).ToList();
        var second = new SampleMilestones(42).Generate(20, 1).Select(MarkdownExporter.Export).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Another_seed_gives_other_milestones()
    {
        var first = new SampleMilestones(1).Generate(5, 1).Select(MarkdownExporter.Export);
        var second = new SampleMilestones(2).Generate(5, 1).Select(MarkdownExporter.Export);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Ids_are_numbered_on_from_the_first_number()
    {
        var ids = new SampleMilestones(1).Generate(3, 998).Select(m => m.Id);

        Assert.Equal(["M-998", "M-999", "M-1000"], ids);
    }

    [Fact]
    public void Every_generated_milestone_survives_export_and_import()
    {
        foreach (var milestone in new SampleMilestones(7).Generate(300, 1))
        {
            var markdown = MarkdownExporter.Export(milestone);

            var result = MarkdownImporter.Import(markdown);

            Assert.True(result.Succeeded, $"{milestone.Id}: {string.Join("; ", result.Errors)}");
            Assert.Equal(Json(milestone), Json(result.Milestone!));
            Assert.Equal(markdown, MarkdownExporter.Export(result.Milestone!));
        }
    }

    [Fact]
    public void Generated_milestones_vary_in_status_priority_phase_and_assignee()
    {
        var milestones = new SampleMilestones(3).Generate(200, 1).ToList();

        Assert.Equal(4, milestones.Select(m => m.Status).Distinct().Count());
        Assert.Equal(3, milestones.Select(m => m.Priority).Distinct().Count());
        Assert.True(milestones.Select(m => m.Phase).Distinct().Count() >= 3);
        Assert.True(milestones.Select(m => m.AssignedTo).Distinct().Count() >= 8);
        Assert.True(milestones.Select(m => m.Title).Distinct().Count() >= 50);
        Assert.All(milestones, m => Assert.NotEmpty(m.ImplementationPlan.Phases.SelectMany(p => p.Tasks)));
        Assert.All(milestones, m => Assert.Contains("\n\n", m.ProblemStatement, StringComparison.Ordinal));
    }
}
