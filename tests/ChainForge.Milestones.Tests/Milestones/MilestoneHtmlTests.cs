using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Tests.Fixtures;

namespace ChainForge.Milestones.Tests.Milestones;

public sealed class MilestoneHtmlTests
{
    private static Milestone Sample(string title) => new() { Id = "M-042", Title = title };

    [Fact]
    public void The_same_version_is_rendered_once()
    {
        using var html = new MilestoneHtml();
        var milestone = Sample("Block Propagation");

        var first = html.Render(milestone);
        var second = html.Render(milestone);

        Assert.Contains("Block Propagation", first, StringComparison.Ordinal);
        Assert.Same(first, second);
    }

    [Fact]
    public void A_saved_milestone_with_a_new_version_is_rendered_again()
    {
        using var html = new MilestoneHtml();
        var milestone = Sample("Block Propagation");
        html.Render(milestone);

        milestone.Title = "Transaction Pool";
        milestone.Version = Guid.NewGuid();

        var rendered = html.Render(milestone);
        Assert.Contains("Transaction Pool", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("Block Propagation", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_milestone_reads_as_not_filled_in_never_as_the_template_placeholders()
    {
        var blank = new Milestone { Id = "M-043" };

        var html = MilestoneHtml.ForPage(blank);
        var page = new HtmlParser().ParseDocument(html);

        // Every placeholder of the template is a bracketed token ([PHASE_NUMBER], [X], [CRITERION_6]...).
        Assert.Empty(Regex.Matches(page.Body!.TextContent, @"\[[A-Z][A-Z0-9_ -]*\]").Select(m => m.Value));
        Assert.DoesNotContain("struct", page.Body.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("input[type=checkbox]:checked"));
        Assert.Empty(page.QuerySelectorAll("table"));
        Assert.True(page.QuerySelectorAll("em.not-filled").Length > 20);
        Assert.Equal("M-043", page.QuerySelector("h1")!.TextContent);
        // The file keeps the template's placeholders: only the page reads differently.
        Assert.Contains(Template.PhasePlaceholder, MarkdownExporter.Export(blank), StringComparison.Ordinal);
    }

    [Fact]
    public void A_filled_milestone_reads_as_its_file_with_each_checklist_counted()
    {
        var example = MarkdownImporter.Import(Fixture.Example).Milestone!;

        var page = new HtmlParser().ParseDocument(MilestoneHtml.ForPage(example));

        Assert.Contains("Block Propagation Protocol", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var mustHave = page.QuerySelectorAll("h3").First(h => h.TextContent == Template.MustHave).NextElementSibling!;
        Assert.Equal($"{example.AcceptanceCriteria.MustHave.Count(c => c.Done)} of {example.AcceptanceCriteria.MustHave.Count} done", mustHave.TextContent);
        Assert.Equal(example.AcceptanceCriteria.MustHave.Count, mustHave.NextElementSibling!.QuerySelectorAll("input[type=checkbox]").Length);
        Assert.Equal(2, page.QuerySelectorAll("pre code").Length);
    }

    [Fact]
    public void Every_box_of_a_list_is_named_for_ticking_and_a_box_typed_into_a_text_is_not()
    {
        var example = MarkdownImporter.Import(Fixture.Example).Milestone!;
        example.ProblemStatement = "Peers ask:\n\n- [ ] a box typed into the problem statement";
        example.Notes = "- [x] another, in the notes";

        var page = new HtmlParser().ParseDocument(MilestoneHtml.ForPage(example));

        var named = page.QuerySelectorAll("input[type=checkbox][data-box]").Select(b => b.GetAttribute("data-box")).ToList();
        Assert.Equal(MilestoneBoxes.All(example).Select(b => b.Name), named);
        Assert.Equal(2, page.QuerySelectorAll("input[type=checkbox]:not([data-box])").Length);
        var first = page.QuerySelector("input[data-box='AcceptanceCriteria.MustHave[0]']")!;
        Assert.Equal(example.AcceptanceCriteria.MustHave[0].Done, first.HasAttribute("checked"));
        Assert.Contains(example.AcceptanceCriteria.MustHave[0].Text, first.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("input[data-box='Checkpoints.Deployment']"));
    }
}
