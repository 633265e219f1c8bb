using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Tests.Fixtures;

namespace ChainForge.Milestones.Tests.Milestones;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Zoë", "zoe")]
    [InlineData("ÉCOLE Façade", "ecole facade")]
    [InlineData("Ørsted", "ørsted")]
    [InlineData("M-007", "m-007")]
    public void Folding_drops_case_and_accents(string text, string folded) =>
        Assert.Equal(folded, SearchText.Fold(text));

    [Fact]
    public void Natural_keys_put_numbers_in_order_of_their_value()
    {
        string[] ids = ["M-10", "M-2", "m-1", "M-001b", "M-99999999999999999999", "M-0"];

        var ordered = ids.OrderBy(SearchText.NaturalKey, StringComparer.Ordinal).ToList();

        Assert.Equal(["M-0", "m-1", "M-001b", "M-2", "M-10", "M-99999999999999999999"], ordered);
        Assert.True(SearchText.NaturalKey(new string('1', 2000)).Length <= SearchText.MaxKeyLength);
        Assert.True(string.CompareOrdinal(SearchText.NaturalKey("R-999999999999"), SearchText.NaturalKey("R-1000000000000")) < 0);
        Assert.True(string.CompareOrdinal(SearchText.NaturalKey("Build 9 of 10"), SearchText.NaturalKey("Build 10 of 10")) < 0);
    }

    [Fact]
    public void A_key_cut_at_its_length_never_ends_in_half_a_character()
    {
        var key = SearchText.NaturalKey(new string('a', SearchText.MaxKeyLength - 1) + "🚀🚀");

        Assert.Equal(SearchText.MaxKeyLength - 1, key.Length);
        Assert.False(char.IsHighSurrogate(key[^1]));
    }

    [Fact]
    public void A_search_becomes_folded_words_of_letters_and_digits_and_nothing_else()
    {
        Assert.Equal(["zoe", "m", "007"], SearchText.Terms("  Zoë \"M-007\"* OR zoe"[..^6]));
        Assert.Equal(["mempool", "or", "x"], SearchText.Terms("mempool*) OR (x"));
        Assert.Empty(SearchText.Terms("\"*(){}:^-' "));
        Assert.Equal(SearchText.MaxTerms, SearchText.Terms(string.Join(" ", Enumerable.Range(0, 50).Select(n => $"w{n}"))).Count);
    }

    [Fact]
    public void The_body_holds_what_was_written_in_every_section_and_none_of_the_templates_words()
    {
        var example = MarkdownImporter.Import(Fixture.Example).Milestone!;
        var blank = new Milestone { Id = "M-001", Title = "Blank" };

        var body = SearchText.BodyOf(example);

        Assert.Contains(SearchText.Words(example.ProblemStatement.Split('\n')[0]), body, StringComparison.Ordinal);
        Assert.Contains(SearchText.Words(example.AcceptanceCriteria.MustHave[0].Text), body, StringComparison.Ordinal);
        Assert.Contains(SearchText.Words(example.Risks.TechnicalRisks[0].Mitigation), body, StringComparison.Ordinal);
        Assert.DoesNotContain("  ", body, StringComparison.Ordinal);
        Assert.Equal("", SearchText.BodyOf(blank).Trim());
        Assert.Equal("m 001 blank", SearchText.TitleOf(blank));
    }
}
