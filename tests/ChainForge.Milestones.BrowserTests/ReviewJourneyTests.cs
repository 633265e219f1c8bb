using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.BrowserTests.PageObjects;
using ChainForge.Milestones.Milestones.Tracking;
using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests;

/// <summary>An author and a reviewer take one milestone from a blank editor to COMPLETED, as issue 10 tells it.</summary>
public sealed class ReviewJourneyTests(BrowserAppFactory app, Browser browser) : BrowserTest(app, browser)
{
    private const string Id = "M-901";
    private const string Author = "alan";
    private const string Reviewer = "rita";

    [Fact]
    public async Task An_author_asks_for_review_a_reviewer_approves_a_business_change_stales_only_the_business_review_and_the_author_completes()
    {
        var today = TrackingQueries.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // The author writes the milestone; asking for review says what is still missing.
        await SignInAsync(Author, Roles.Author);
        var editor = await new EditorPage(Page).GotoNewAsync();
        await editor.FillAsync("Id", Id);
        await editor.FillAsync("Title", "Compact Block Relay");
        await editor.FillAsync("SolutionOverview", "Send short transaction IDs and let peers rebuild the block from their mempool.");
        await editor.AddChecklistItemAsync("Requirements.Functional", false, "Relay a block as short IDs to peers that ask for it");
        await editor.AddChecklistItemAsync("AcceptanceCriteria.MustHave", false, "A block relays in under 500 ms on the test network");
        var milestone = await editor.SaveAndOpenAsync(Id);
        await milestone.RequestReviewAsync("Review needs Problem Statement filled in");
        await Screenshot("1-review-refused-without-problem-statement");

        editor = await milestone.EditAsync();
        await editor.FillAsync("ProblemStatement", "Full blocks are sent to every peer, though peers hold most of the transactions already.");
        milestone = await editor.SaveAndOpenAsync(Id);
        await milestone.RequestReviewAsync($"{Id} is in review");
        Assert.Equal("REVIEW", (await milestone.StatusAsync()).Trim().ToUpperInvariant().Replace(' ', '_'));
        Assert.Equal(0, await milestone.BrokenGateCountAsync());
        Assert.DoesNotContain("review", await milestone.ActionsAsync());

        // The reviewer finds it waiting, reads it on the review page and approves both reviews.
        await SignInAsync(Reviewer, Roles.Reviewer);
        var queue = await ReviewQueuePage.OpenAsync(Page);
        Assert.Contains(Id, await queue.WaitingAsync());
        await Screenshot("2-waiting-for-the-reviewer");
        var review = await queue.OpenReviewAsync(Id);
        await Assertions.Expect(review.Content).ToContainTextAsync("Full blocks are sent to every peer");
        await review.ApproveAsync("Technical");
        await review.ApproveAsync("Business");
        Assert.Equal(["APPROVED", "APPROVED"], [await review.StatusAsync("Technical"), await review.StatusAsync("Business")]);
        await Screenshot("3-both-approved");

        // The author changes the Problem Statement, which only the business review covers.
        await SignInAsync(Author, Roles.Author);
        editor = await (await MilestonePage.OpenAsync(Page, Id)).EditAsync();
        await editor.FillAsync("ProblemStatement", "Full blocks are sent to every peer, though peers hold nearly all of the transactions already.");
        milestone = await editor.SaveAndOpenAsync(Id);
        Assert.Null(await milestone.ChangedAfterApprovalAsync("Technical"));
        Assert.Contains($"The business review became PENDING because {Author} changed Problem Statement on {today}", await milestone.ChangedAfterApprovalAsync("Business") ?? "", StringComparison.Ordinal);
        var reviewState = await milestone.ReviewStateAsync();
        Assert.Equal(1, CountOf(reviewState, "APPROVED ·"));
        Assert.Equal(1, CountOf(reviewState, "PENDING ·"));
        Assert.Equal(1, CountOf(reviewState, $"Became PENDING because {Author} changed Problem Statement on {today}."));
        await Screenshot("4-business-changed-after-approval");

        // The reviewer sees only the business change and approves it again.
        await SignInAsync(Reviewer, Roles.Reviewer);
        review = await (await ReviewQueuePage.OpenAsync(Page)).OpenReviewAsync(Id);
        Assert.Equal("APPROVED", await review.StatusAsync("Technical"));
        Assert.Null(await review.StaleNoticeAsync("Technical"));
        Assert.Equal("PENDING", await review.StatusAsync("Business"));
        var (deleted, inserted) = await review.ChangesSinceApprovalAsync("Business");
        Assert.Contains(deleted, line => line.Contains("hold most of the transactions", StringComparison.Ordinal));
        Assert.Contains(inserted, line => line.Contains("hold nearly all of the transactions", StringComparison.Ordinal));
        await Screenshot("5-business-changes-since-approval");
        await review.CommentAsync("Problem Statement", "Say which links count as fast.");
        await review.ApproveAsync("Business");

        // The author sees the comment on the milestone page and resolves it.
        await SignInAsync(Author, Roles.Author);
        milestone = await MilestonePage.OpenAsync(Page, Id);
        await Assertions.Expect(Page.Locator("#comments")).ToContainTextAsync("Say which links count as fast.");
        await Page.Locator("#comments").GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#comments .badge")).ToHaveTextAsync("0 open");

        // The author ticks every Must Have and completes the milestone.
        editor = await new EditorPage(Page).GotoEditAsync(Id);
        for (var i = 0; i < await editor.Items("AcceptanceCriteria.MustHave").CountAsync(); i++)
            await editor.TickAsync($"AcceptanceCriteria.MustHave[{i}].Done");
        await editor.ChooseAsync("Status", "Completed");
        milestone = await editor.SaveAndOpenAsync(Id);
        Assert.Null(await milestone.ChangedAfterApprovalAsync());
        Assert.Equal(0, await milestone.BrokenGateCountAsync());
        await Screenshot("6-completed");

        var exported = await milestone.ExportAsync();
        Assert.Contains("- **Status**: COMPLETED", exported, StringComparison.Ordinal);
        Assert.Contains($"### Technical Review\n\n- **Reviewer**: {Reviewer}\n- **Date**: {today}\n- **Status**: APPROVED\n", exported, StringComparison.Ordinal);
        Assert.Contains($"### Business Review\n\n- **Reviewer**: {Reviewer}\n- **Date**: {today}\n- **Status**: APPROVED\n", exported, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
