using System.Diagnostics;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Tests.Fixtures;

namespace ChainForge.Milestones.Tests.Markdown;

/// <summary>Files made to hurt: each answered with a located error, in bounded time.</summary>
public sealed class HostileInputTests
{
    private static string WithNotes(string notes) =>
        Fixture.Example.Replace("## Notes & Comments\n\n", $"## Notes & Comments\n\n{notes}\n\n", StringComparison.Ordinal);

    [Fact]
    public void A_heading_padded_with_blanks_up_to_the_line_limit_is_read_in_linear_time()
    {
        var spaces = new string(' ', MarkdownImporter.MaxLineLength - 100);
        var text = Fixture.Example.Replace("## Notes & Comments", $"## Notes &{spaces}Comments ", StringComparison.Ordinal);

        var clock = Stopwatch.StartNew();
        var result = MarkdownImporter.Import(text);

        // The regex this replaced took hours on this line; the bound only keeps a regression from hanging the suite.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }

    [Theory]
    [InlineData("## Notes & Comments", "Notes & Comments")]
    [InlineData("## Notes & Comments ##", "Notes & Comments")]
    [InlineData("##   Notes & Comments  #  ", "Notes & Comments")]
    [InlineData("## Notes & Comments#", "Notes & Comments#")]
    [InlineData("## #", "#")]
    [InlineData("   ## Glossary", "Glossary")]
    public void Heading_text_is_read_as_before_without_a_regex(string line, string text) =>
        Assert.Equal(text, MarkdownImporter.AtxHeadingText(line, 2));

    [Fact]
    public void A_line_longer_than_any_field_can_be_is_refused_at_its_line()
    {
        var text = WithNotes(new string('a', MilestoneLimits.Body + 1));

        var error = Assert.Single(MarkdownImporter.Import(text).Errors);

        Assert.Equal(LineOf(text, "aaaa"), error.Line);
        Assert.Contains("longer than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_more_lines_than_a_milestone_can_hold_is_refused_before_it_is_parsed()
    {
        var text = WithNotes(string.Concat(Enumerable.Repeat("a\n", MarkdownImporter.MaxLines)));

        var error = Assert.Single(MarkdownImporter.Import(text).Errors);

        Assert.Equal(MarkdownImporter.MaxLines + 1, error.Line);
        Assert.Contains($"more than {MarkdownImporter.MaxLines:N0} lines", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_more_list_items_than_a_milestone_can_hold_is_refused_before_it_is_parsed()
    {
        var text = WithNotes(string.Concat(Enumerable.Repeat("- [ ] a\n", MarkdownImporter.MaxListItems)));

        var error = Assert.Single(MarkdownImporter.Import(text).Errors);

        Assert.Contains($"more than {MarkdownImporter.MaxListItems:N0} list items", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quotes_nested_three_hundred_deep_are_a_located_error_not_a_crash()
    {
        var text = WithNotes(new string('>', 300) + " deep");

        var error = Assert.Single(MarkdownImporter.Import(text).Errors);

        Assert.Equal(LineOf(text, ">>>"), error.Line);
        Assert.Contains("nested", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordered_lists_nested_too_deep_are_a_located_error_not_a_crash()
    {
        var text = WithNotes(string.Concat(Enumerable.Repeat("1. ", 130)) + "x");

        var error = Assert.Single(MarkdownImporter.Import(text).Errors);

        Assert.Equal(LineOf(text, "1. 1. 1."), error.Line);
    }

    [Fact]
    public void Nesting_built_up_over_several_lines_is_an_error_not_a_crash()
    {
        var deep = string.Concat(Enumerable.Repeat("- ", 32)) + "a\n" + new string(' ', 64) + string.Concat(Enumerable.Repeat("- ", 32)) + "b\n"
            + new string(' ', 128) + string.Concat(Enumerable.Repeat("- ", 32)) + "c";
        var text = WithNotes(deep);

        var result = MarkdownImporter.Import(text);

        Assert.False(result.Succeeded);
        Assert.Contains("nested", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("cannot be shown", MarkdownHtml.Render(deep), StringComparison.Ordinal);
    }

    private static int LineOf(string text, string part) => text[..text.IndexOf(part, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
}
