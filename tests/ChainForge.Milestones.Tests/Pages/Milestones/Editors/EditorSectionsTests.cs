using AngleSharp.Html.Parser;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Pages.Milestones.Editors;

namespace ChainForge.Milestones.Tests.Pages.Milestones.Editors;

public sealed class EditorSectionsTests
{
    [Fact]
    public void Every_section_of_the_template_has_an_anchor_and_a_heading_of_ones_own_is_among_the_other_sections()
    {
        Assert.Equal(Template.Sections.Count + 1, EditorSections.All.Count);
        Assert.All(Template.Sections, s => Assert.NotEqual("other-sections", EditorSections.AnchorOf(s.Section)));
        Assert.Equal("review", EditorSections.AnchorOf(Template.ReviewAndApproval));
        Assert.Equal("other-sections", EditorSections.AnchorOf("Rollout Plan"));
    }

    [Fact]
    public void Each_not_filled_in_of_the_page_gets_a_link_to_its_section_of_the_editor()
    {
        var milestone = new Milestone { Id = "M 1/2", Title = "Barely" };

        var page = new HtmlParser().ParseDocument(EditorSections.WithAddLinks(MilestoneHtml.ForPage(milestone), milestone.Id));

        var links = page.QuerySelectorAll("a.add-link");
        Assert.Equal(page.QuerySelectorAll("em.not-filled").Length, links.Length);
        Assert.All(links, a => Assert.StartsWith("/milestones/M%201%2F2/edit#", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Contains(links, a => a.GetAttribute("href")!.EndsWith("#review", StringComparison.Ordinal) && a.TextContent == $"Add to {Template.ReviewAndApproval}");
        Assert.Contains(links, a => a.GetAttribute("href")!.EndsWith("#notes", StringComparison.Ordinal));
    }

    [Fact]
    public void A_section_of_ones_own_is_linked_to_the_other_sections_under_its_own_name_escaped()
    {
        var milestone = new Milestone { Id = "M-1", Title = "Own" };
        // A person's own italics of the export's words, under a heading of their own.
        milestone.ExtraSections.Add(new ExtraSection { Heading = "Q&A \"live\" <now>", Body = $"*{MarkdownExporter.NotFilledIn}*" });
        var html = MilestoneHtml.ForPage(milestone);

        // Twice: the second from the kept link, which must be the same.
        foreach (var linked in new[] { EditorSections.WithAddLinks(html, milestone.Id), EditorSections.WithAddLinks(html, milestone.Id) })
        {
            var page = new HtmlParser().ParseDocument(linked);
            var own = Assert.Single(page.QuerySelectorAll("a.add-link"), a => a.GetAttribute("href")!.EndsWith("#other-sections", StringComparison.Ordinal));
            Assert.Equal("Add to Q&A \"live\" <now>", own.TextContent);
            Assert.Equal(page.QuerySelectorAll("em.not-filled").Length, page.QuerySelectorAll("a.add-link").Length);
        }
    }

    [Fact]
    public void A_page_with_nothing_to_add_is_left_as_it_is()
    {
        const string html = "<h2>Notes &amp; Comments</h2><p>All said.</p>";

        Assert.Same(html, EditorSections.WithAddLinks(html, "M-1"));
    }
}
