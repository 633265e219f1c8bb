using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.BrowserTests.PageObjects;
using ChainForge.Milestones.Milestones.Tracking;
using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests;

/// <summary>An author and a reviewer take one milestone from a blank editor to COMPLETED.</summary>
public sealed class ReviewJourneyTests(BrowserAppFactory app, Browser browser) : BrowserTest(app, browser)
{
    private const string Id = "M-901";
    private const string Author = "alan";
    private const string Reviewer = "rita";

    [Fact]
    public async Task An_author_and_a_reviewer_take_a_milestone_through_review_approval_a_change_and_completion()
    {
        var today = TrackingQueries.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // The author writes the milestone; REVIEW is refused while the Problem Statement is empty.
        await SignInAsync(Author, Roles.Author);
        var editor = await new EditorPage(Page).GotoNewAsync();
        await editor.FillAsync("Id", Id);
        await editor.FillAsync("Title", "Compact Block Relay");
        await editor.FillAsync("SolutionOverview", "Send short transaction IDs and let peers rebuild the block from their mempool.");
        await editor.AddChecklistItemAsync("Requirements.Functional", false, "Relay a block as short IDs to peers that ask for it");
        await editor.AddChecklistItemAsync("AcceptanceCriteria.MustHave", false, "A block relays in under 500 ms on the test network");
        await editor.ChooseAsync("Status", "Review");
        await editor.SaveAsync();
        await Assertions.Expect(editor.MessageBeside("Status")).ToContainTextAsync("Review needs Problem Statement filled in");
        await Assertions.Expect(editor.ErrorSummary).ToBeVisibleAsync();
        await Assertions.Expect(editor.Field("Status").Locator("option:checked")).ToHaveTextAsync("Review");
        await Screenshot("1-review-refused-without-problem-statement");

        await editor.FillAsync("ProblemStatement", "Full blocks are sent to every peer, though peers hold most of the transactions already.");
        var milestone = await editor.SaveAndOpenAsync(Id);
        Assert.Equal("REVIEW", (await milestone.StatusAsync()).Trim().ToUpperInvariant().Replace(' ', '_'));
        Assert.Equal(0, await milestone.BrokenGateCountAsync());
        Assert.DoesNotContain("review", await milestone.ActionsAsync());

        // The reviewer finds it waiting and approves both reviews.
        await SignInAsync(Reviewer, Roles.Reviewer);
        var queue = await ReviewQueuePage.OpenAsync(Page);
        Assert.Contains(Id, await queue.WaitingAsync());
        await Screenshot("2-waiting-for-the-reviewer");
        var review = await queue.OpenReviewAsync(Id);
        await review.ApproveAsync("Technical");
        await review.ApproveAsync("Business");
        Assert.Equal(["APPROVED", "APPROVED"], [await review.StatusAsync("Technical"), await review.StatusAsync("Business")]);
        await Screenshot("3-both-approved");

        // The author changes a requirement: both approvals turn back to PENDING.
        await SignInAsync(Author, Roles.Author);
        editor = await (await MilestonePage.OpenAsync(Page, Id)).EditAsync();
        await editor.FillAsync("Requirements.Functional[0].Text", "Relay a block as short IDs to every peer that supports it");
        milestone = await editor.SaveAndOpenAsync(Id);
        Assert.Contains("Approved content changed after approval", await milestone.ChangedAfterApprovalAsync() ?? "", StringComparison.Ordinal);
        var reviewState = await milestone.ReviewStateAsync();
        Assert.Equal(2, CountOf(reviewState, "PENDING"));
        Assert.Equal(2, CountOf(reviewState, $"Approved content changed after approval by {Reviewer} on {today}."));
        await Screenshot("4-changed-after-approval");

        // The reviewer sees what changed since the approval and approves again.
        await SignInAsync(Reviewer, Roles.Reviewer);
        review = await (await ReviewQueuePage.OpenAsync(Page)).OpenReviewAsync(Id);
        foreach (var kind in new[] { "Technical", "Business" })
        {
            Assert.Equal("PENDING", await review.StatusAsync(kind));
            Assert.Contains("Approved content changed after approval", await review.StaleNoticeAsync(kind) ?? "", StringComparison.Ordinal);
            var (deleted, inserted) = await review.ChangesSinceApprovalAsync(kind);
            Assert.Contains(deleted, line => line.Contains("to peers that ask for it", StringComparison.Ordinal));
            Assert.Contains(inserted, line => line.Contains("to every peer that supports it", StringComparison.Ordinal));
        }
        await Screenshot("5-changes-since-approval");
        await review.ApproveAsync("Technical");
        await review.ApproveAsync("Business");

        // The author ticks every Must Have and completes the milestone.
        await SignInAsync(Author, Roles.Author);
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
