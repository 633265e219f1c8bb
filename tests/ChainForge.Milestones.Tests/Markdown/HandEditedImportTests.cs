using System.Text;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Tests.Fixtures;

namespace ChainForge.Milestones.Tests.Markdown;

/// <summary>Files people edited by hand are accepted and written back in canonical form.</summary>
public sealed class HandEditedImportTests
{
    [Theory]
    [InlineData("hand-edited/crlf-line-endings.md", "canonical/example-M-007.md")]
    [InlineData("hand-edited/byte-order-mark.md", "canonical/example-M-007.md")]
    [InlineData("hand-edited/other-bullets-and-upper-case-x.md", "canonical/example-M-007.md")]
    [InlineData("hand-edited/enumerations-in-any-case.md", "canonical/example-M-007.md")]
    [InlineData("hand-edited/extra-and-missing-blank-lines.md", "canonical/example-M-007.md")]
    [InlineData("hand-edited/template-half-filled.md", "canonical/partly-filled.md")]
    [InlineData("hand-edited/missing-sections.md", "canonical/id-only.md")]
    [InlineData("hand-edited/unknown-sections-in-the-middle.md", "canonical/extra-sections.md")]
    public void A_hand_edited_file_is_imported_and_written_back_in_canonical_form(string edited, string canonical)
    {
        var result = MarkdownImporter.Import(Fixture.Bytes(edited));

        Assert.Empty(result.Errors);
        Assert.Equal(Fixture.Text(canonical), MarkdownExporter.Export(result.Milestone!));
    }

    [Fact]
    public void Every_hand_edited_fixture_is_covered_by_a_case()
    {
        var covered = typeof(HandEditedImportTests).GetMethod(nameof(A_hand_edited_file_is_imported_and_written_back_in_canonical_form))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.Data[0]!);
        Assert.Equal(Fixture.In("hand-edited").Select(r => r.Data).Order(), covered.Order());
    }

    [Fact]
    public void Placeholder_items_left_in_a_list_are_read_as_nothing()
    {
        var milestone = MarkdownImporter.Import(Fixture.Bytes("hand-edited/template-half-filled.md")).Milestone!;

        var requirement = Assert.Single(milestone.Requirements.Functional);
        Assert.Equal("Rotate signing keys without downtime", requirement.Text);
        Assert.Empty(milestone.AcceptanceCriteria.MustHave);
        Assert.Equal("Wallet Key Rotation", milestone.Title);
    }

    [Fact]
    public void A_pipe_escaped_in_a_risk_cell_is_read_as_a_pipe()
    {
        var milestone = MarkdownImporter.Import(Fixture.Bytes("canonical/pipes-in-cells.md")).Milestone!;

        Assert.Equal("Short ID collisions | stalls in `a || b`", milestone.Risks.TechnicalRisks[0].Description);
        Assert.Equal("A cell ending in a backslash \\", milestone.Risks.BusinessRisks[0].Description);
    }

    [Fact]
    public void A_fence_longer_than_three_backticks_keeps_the_code_inside_verbatim()
    {
        var milestone = MarkdownImporter.Import(Fixture.Bytes("canonical/backticks-in-code.md")).Milestone!;

        Assert.Equal("", milestone.Design.DataModels.Language);
        Assert.Equal("A fenced example inside the code:\n```rust\nfn main() {}\n```\nand an inline `tick`.", milestone.Design.DataModels.Code);
    }

    [Fact]
    public void Unknown_sections_are_kept_in_order_with_their_sub_headings()
    {
        var milestone = MarkdownImporter.Import(Encoding.UTF8.GetBytes(Fixture.Text("canonical/extra-sections.md"))).Milestone!;

        Assert.Equal(["Open Questions", "Glossary"], milestone.ExtraSections.Select(s => s.Heading));
        Assert.Contains("### Asked by operators", milestone.ExtraSections[0].Body, StringComparison.Ordinal);
    }
}
