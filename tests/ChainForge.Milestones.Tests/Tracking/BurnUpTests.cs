using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Tracking;

namespace ChainForge.Milestones.Tests.Tracking;

public sealed class BurnUpTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Milestone With(params (string Text, bool Done)[] tasks)
    {
        var milestone = new Milestone { Id = "M-1" };
        milestone.ImplementationPlan.Phases[0].Tasks.AddRange(tasks.Select(t => ChecklistItem.Of(t.Text, t.Done)));
        return milestone;
    }

    [Fact]
    public void A_revision_counts_the_tasks_it_added_and_removed_by_text_against_the_one_before()
    {
        var before = With(("Design", true), ("Build", false), ("Build", false));
        var after = With(("Design", true), ("Build", true), ("Test", false), ("Ship", false));

        Assert.Equal(new TaskCount(4, 2, 2, 1), TaskCount.Of(before, after));
        Assert.Equal(new TaskCount(3, 1, 3, 0), TaskCount.Of(null, before));
        Assert.Equal(new TaskCount(4, 2, 0, 0), TaskCount.Of(after, after));
    }

    [Fact]
    public void The_series_from_a_known_history_has_a_point_a_day_and_marks_the_days_scope_changed()
    {
        // Monday: created with three tasks, one ticked later that day. Wednesday: two added.
        // Thursday: one renamed and one ticked. Today is Saturday.
        var history = new[]
        {
            new RevisionTasks("M-1", Monday, new TaskCount(3, 0, 3, 0)),
            new RevisionTasks("M-1", Monday.AddHours(5), new TaskCount(3, 1, 0, 0)),
            new RevisionTasks("M-1", Monday.AddDays(2), new TaskCount(5, 1, 2, 0)),
            new RevisionTasks("M-1", Monday.AddDays(3), new TaskCount(5, 2, 1, 1)),
        };

        var series = BurnUp.Of(history.Reverse(), TimeZoneInfo.Utc, new DateOnly(2026, 11, 28));

        Assert.Equal(
        [
            new BurnUpPoint(new DateOnly(2026, 11, 23), 3, 1, 0, 0),
            new BurnUpPoint(new DateOnly(2026, 11, 25), 5, 1, 2, 0),
            new BurnUpPoint(new DateOnly(2026, 11, 26), 5, 2, 1, 1),
            new BurnUpPoint(new DateOnly(2026, 11, 28), 5, 2, 0, 0),
        ], series);
        Assert.Equal([false, true, true, false], series.Select(p => p.ScopeChanged));
    }

    [Fact]
    public void The_portfolio_sums_each_milestones_latest_counts_and_a_new_milestone_is_scope_added()
    {
        var history = new[]
        {
            new RevisionTasks("M-1", Monday, new TaskCount(4, 1, 4, 0)),
            new RevisionTasks("M-2", Monday.AddHours(1), new TaskCount(2, 0, 2, 0)),
            new RevisionTasks("M-3", Monday.AddDays(1), new TaskCount(6, 0, 6, 0)),
            new RevisionTasks("M-1", Monday.AddDays(1), new TaskCount(4, 4, 0, 0)),
        };

        var series = BurnUp.Of(history, TimeZoneInfo.Utc, new DateOnly(2026, 11, 24));

        Assert.Equal(
        [
            new BurnUpPoint(new DateOnly(2026, 11, 23), 6, 1, 0, 0),
            new BurnUpPoint(new DateOnly(2026, 11, 24), 12, 4, 6, 0),
        ], series);
    }

    [Fact]
    public void A_day_is_the_day_in_the_servers_time_zone()
    {
        var tokyo = TimeZoneInfo.CreateCustomTimeZone("UTC+9", TimeSpan.FromHours(9), "UTC+9", "UTC+9");
        var lateMonday = new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero);

        var series = BurnUp.Of([new RevisionTasks("M-1", lateMonday, new TaskCount(1, 0, 1, 0))], tokyo, new DateOnly(2026, 11, 24));

        Assert.Equal([new BurnUpPoint(new DateOnly(2026, 11, 24), 1, 0, 0, 0)], series);
        Assert.Empty(BurnUp.Of([], TimeZoneInfo.Utc, new DateOnly(2026, 11, 24)));
    }
}
