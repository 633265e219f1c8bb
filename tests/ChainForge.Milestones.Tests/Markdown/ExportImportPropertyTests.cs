using System.Text.Json;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using CsCheck;

namespace ChainForge.Milestones.Tests.Markdown;

/// <summary>Law 2 over thousands of generated milestones, and law 3 on every exported file.</summary>
public sealed class ExportImportPropertyTests
{
    [Fact]
    public void Export_then_import_gives_back_the_same_milestone_field_for_field() =>
        MilestoneGen.Milestone.Sample(milestone =>
        {
            var markdown = MarkdownExporter.Export(milestone);
            var result = MarkdownImporter.Import(markdown);
            Assert.True(result.Succeeded, string.Join('\n', result.Errors) + "\n\n" + markdown);
            result.Milestone!.Version = milestone.Version;
            Assert.Equal(Json(milestone), Json(result.Milestone));
        }, iter: 3000);

    [Fact]
    public void An_exported_file_is_a_fixed_point_of_import_then_export() =>
        MilestoneGen.Milestone.Sample(milestone =>
        {
            var markdown = MarkdownExporter.Export(milestone);
            var again = MarkdownExporter.Export(MarkdownImporter.Import(markdown).Milestone!);
            Assert.Equal(markdown, again);
        }, iter: 1000);

    private static string Json(Milestone milestone) => JsonSerializer.Serialize(milestone);
}
