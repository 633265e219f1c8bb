using System.Text;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Tests.Fixtures;

namespace ChainForge.Milestones.Tests.Markdown;

/// <summary>The three laws of the markdown contract, on real files.</summary>
public sealed class MarkdownLawTests
{
    [Fact]
    public void Export_of_a_blank_milestone_is_the_template_byte_for_byte() =>
        Assert.Equal(Fixture.Bytes("milestone-template-1.0.md"), Encoding.UTF8.GetBytes(MarkdownExporter.Export(new Milestone())));

    [Theory]
    [MemberData(nameof(CanonicalFiles))]
    public void A_canonical_file_imported_and_exported_again_is_the_same_bytes(string name)
    {
        var bytes = Fixture.Bytes(name);

        var result = MarkdownImporter.Import(bytes);

        Assert.Empty(result.Errors);
        Assert.Equal(Encoding.UTF8.GetString(bytes), MarkdownExporter.Export(result.Milestone!));
    }

    public static TheoryData<string> CanonicalFiles() => Fixture.In("canonical");
}
