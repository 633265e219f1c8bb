using ChainForge.Milestones.Milestones.Tracking;
using ChainForge.Milestones.Pages;

namespace ChainForge.Milestones.Tests.Pages;

public sealed class BurnUpChartTests
{
    private static readonly BurnUpPoint[] Series =
    [
        new(new DateOnly(2026, 11, 1), 4, 0, 0, 0),
        new(new DateOnly(2026, 11, 11), 8, 2, 5, 1),
        new(new DateOnly(2026, 11, 21), 8, 8, 0, 0),
    ];

    [Fact]
    public void Lines_step_from_day_to_day_across_the_width_and_scope_changes_are_marked_on_the_planned_line()
    {
        var chart = new BurnUpChart(Series);

        // Tasks up to 8 over 200 px of height; 20 days over 584 px of width.
        Assert.Equal("M40 112 H332 V12 H624 V12", chart.PlannedPath);
        Assert.Equal("M40 212 H332 V162 H624 V12", chart.DonePath);
        var mark = Assert.Single(chart.ScopeChanges);
        Assert.Equal((332d, 12d), (mark.X, mark.Y));
        Assert.Equal("5 tasks added, 1 removed", BurnUpChart.Change(mark.Point));
        Assert.Equal(["0", "4", "8"], chart.YTicks.Select(t => t.Label));
        Assert.Equal(["2026-11-01", "2026-11-21"], chart.XTicks.Select(t => t.Label));
        Assert.Equal("From 2026-11-01 to 2026-11-21: 8 of 8 tasks done (at the start 0 of 4); scope changed on 1 day.", chart.Summary);
    }

    [Fact]
    public void One_day_of_history_is_a_point_in_the_middle_and_none_is_an_empty_chart()
    {
        var one = new BurnUpChart([new BurnUpPoint(new DateOnly(2026, 11, 1), 0, 0, 0, 0)]);

        Assert.Equal("M332 212", one.PlannedPath);
        Assert.Equal("1 task removed", BurnUpChart.Change(new BurnUpPoint(new DateOnly(2026, 11, 1), 0, 0, 0, 1)));
        Assert.Equal("", new BurnUpChart([]).PlannedPath);
        Assert.Equal("No revisions yet.", new BurnUpChart([]).Summary);
    }
}
