using System.Text;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Tests.Pages.Notifications;

/// <summary>Updates for each person, made by the write path with the change that concerns them.</summary>
public sealed class IndexTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<T> ChangeAsync<T>(Func<MilestoneChanges, Guid, Task<T>> change, string id = "M-801")
    {
        await using var db = app.CreateDbContext();
        var version = await db.Milestones.Where(m => m.Id == id).Select(m => m.Version).FirstOrDefaultAsync(Cancel);
        return await change(Actors.Changes(db, app.Clock), version);
    }

    [Fact]
    public async Task Reviewers_hear_of_a_request_authors_of_a_decision_and_a_reviewer_of_a_stale_approval()
    {
        await app.EnsureUserAsync("nora", Roles.Author);
        await app.EnsureUserAsync("rex", Roles.Reviewer);
        var nora = Actors.Author("nora");
        var rex = Actors.Reviewer("rex");
        // The example, its reviews left blank, written by nora.
        var text = Fixture.Example.Replace("M-007", "M-801", StringComparison.Ordinal)
            .Replace("- **Reviewer**: Priya Natarajan\n- **Date**: 2026-11-18\n- **Status**: APPROVED\n- **Comments**: Wire format is sound; add the fuzz target before phase 3.",
                "- **Reviewer**: [REVIEWER_NAME]\n- **Date**: [REVIEW_DATE]\n- **Status**: [APPROVED/PENDING/REJECTED]\n- **Comments**: [REVIEW_COMMENTS]", StringComparison.Ordinal);
        Assert.True((await ChangeAsync((c, _) => c.ImportAsync(nora, [new MilestoneFile("M-801.md", Encoding.UTF8.GetBytes(text))], false, Cancel))).Succeeded);

        Assert.True((await ChangeAsync((c, v) => c.RequestReviewAsync(nora, "M-801", v, Cancel))).Succeeded);
        Assert.True((await ChangeAsync((c, v) => c.DecideAsync(rex, "M-801", ReviewKind.Technical, ReviewStatus.Approved, "Sound", v, Cancel))).Succeeded);
        await using (var db = app.CreateDbContext())
        {
            var edited = await db.Milestones.AsNoTracking().SingleAsync(m => m.Id == "M-801", Cancel);
            edited.Design.Architecture += " Over QUIC.";
            Assert.True((await Actors.Changes(db, app.Clock).EditAsync(nora, edited, edited.Version, Cancel)).Succeeded);
        }

        var reviewer = await app.SignedInClientAsync("rex");
        var page = await HtmlPage.GetAsync(reviewer, "/notifications");
        var items = page.FindAll("#notifications li").Select(li => (li.GetAttribute("data-kind"), li.TextContent)).ToList();
        Assert.Equal(["ApprovalStale", "ReviewRequested"], items.Select(i => i.Item1));
        Assert.Contains("Your technical approval of M-801: Block Propagation Protocol became PENDING: nora changed Technical Design.", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("nora asked for review of M-801", items[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("2 unread", page.Find("#unread")!.TextContent);

        var read = await page.SubmitAsync(reviewer, "main form");
        Assert.Null(read.Find("#unread"));
        Assert.Empty(read.FindAll("[data-unread=True]"));

        var author = await HtmlPage.GetAsync(await app.SignedInClientAsync("nora"), "/notifications");
        var approved = Assert.Single(author.FindAll("#notifications li"));
        Assert.Equal("Approved", approved.GetAttribute("data-kind"));
        Assert.Contains("rex approved the technical review of M-801: Block Propagation Protocol: Sound", approved.TextContent, StringComparison.Ordinal);
    }
}
