using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Tests.Data;
using ChainForge.Milestones.Tests.Fixtures;

namespace ChainForge.Milestones.Tests.Markdown;

/// <summary>
/// Each kind of bad file is refused with the line and what was expected there, and an import
/// that holds it stores nothing, not even the good files beside it.
/// </summary>
public sealed class ImportErrorTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public static TheoryData<string, int, string> Errors => new()
    {
        { "paragraph-in-a-checklist", 102, "expected a checklist item" },
        { "risk-row-with-wrong-number-of-cells", 138, "needs 4 cells" },
        { "priority-urgent", 8, "Priority: expected HIGH, MEDIUM or LOW, found `URGENT`" },
        { "progress-140-percent", 202, "Progress: expected a whole number from 0 to 100" },
        { "unknown-sub-section", 104, "`### Nice To Have` cannot be placed in `## Acceptance Criteria`" },
        { "text-before-the-first-section", 3, "text between the title and the first `##` heading cannot be placed" },
        { "no-id", 3, "the file has no ID" },
        { "invalid-id", 5, "ID: expected letters, digits" },
        { "date-that-does-not-exist", 203, "Last Updated: expected a date yyyy-MM-dd, found `2026-02-30`" },
        { "effort-in-other-words", 9, "Estimated Effort: expected `N story points / N weeks`" },
        { "checklist-item-without-a-box", 119, "expected a box `[ ]` or `[x]`" },
        { "unknown-field", 12, "unknown field `Owner`" },
        { "code-block-not-closed", 66, "is not closed" },
        { "heading-inside-a-body", 21, "a `###` heading cannot be placed inside `## Solution Overview`" },
        { "risk-without-a-probability", 137, "a risk row needs its probability" },
        { "phase-heading-in-other-words", 81, "expected a phase heading `### Phase 2: Name`" },
        { "footer-changed", 220, "the footer differs from the template's" },
        { "section-twice", 213, "the section `## Problem Statement` appears twice" },
        { "dependency-without-a-name", 168, "a dependency needs a name" },
        { "extra-metric-without-a-metric", 153, "the metric `Bandwidth` needs a metric" },
        { "two-line-checklist-item", 120, "on one line" },
        { "text-after-the-footer", 224, "text after the footer cannot be placed" },
        { "level-one-heading-in-a-section", 215, "a level 1 heading cannot be placed inside `## Notes & Comments`" },
        { "not-utf8", 11, "the file is not UTF-8 text" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void A_bad_file_is_refused_with_the_line_and_what_was_expected(string name, int line, string message)
    {
        var result = MarkdownImporter.Import(Fixture.Bytes($"errors/{name}.md"));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Line == line && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task An_import_with_a_bad_file_stores_nothing(string name, int line, string message)
    {
        var files = new[] { File("canonical/extra-phases.md"), File($"errors/{name}.md") };
        await using var db = _database.CreateContext();

        var plan = await Actors.AcceptingImportAsync(db, files, "tester", TimeProvider.System, TestContext.Current.CancellationToken);

        Assert.Contains(plan.Errors, e => e.Path == $"errors/{name}.md" && e.Line == line && e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(0, await _database.CountAsync());
    }

    [Fact]
    public void Every_error_fixture_has_a_case() =>
        Assert.Equal(Fixture.In("errors").Select(r => r.Data).Order(), Errors.Select(r => $"errors/{r.Data.Item1}.md").Order());

    [Fact]
    public void All_errors_of_a_file_are_reported_not_only_the_first()
    {
        var text = Fixture.Example
            .Replace("- **Priority**: HIGH", "- **Priority**: URGENT", StringComparison.Ordinal)
            .Replace("- **Progress**: 45% complete", "- **Progress**: 140% complete", StringComparison.Ordinal);

        var result = MarkdownImporter.Import(text);

        Assert.Equal([8, 202], result.Errors.Select(e => e.Line));
    }

    [Fact]
    public async Task Two_files_with_the_same_ID_in_one_import_are_an_error_and_store_nothing()
    {
        var files = new[] { File("canonical/example-M-007.md"), File("canonical/example-M-007.md") with { Path = "copy/M-007.md" } };
        await using var db = _database.CreateContext();

        var plan = await Actors.AcceptingImportAsync(db, files, "tester", TimeProvider.System, TestContext.Current.CancellationToken);

        var error = Assert.Single(plan.Errors);
        Assert.Equal("copy/M-007.md:5: the ID M-007 is also in canonical/example-M-007.md: an import takes each ID once", error.ToString());
        Assert.Equal(0, await _database.CountAsync());
    }

    private static MilestoneFile File(string name) => new(name, Fixture.Bytes(name));

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
