namespace ChainForge.Milestones.Milestones.Tracking;

/// <summary>
/// Ticked items out of all items of one list. With no items there is no figure:
/// <see cref="Percent"/> is null rather than 0% or 100%, since nothing was planned.
/// </summary>
public readonly record struct Tally(int Ticked, int Total)
{
    /// <summary>Rounded down, so 100% means every item is ticked; null when there are no items.</summary>
    public int? Percent => Total == 0 ? null : Ticked * 100 / Total;

    public static Tally Of(IEnumerable<ChecklistItem> items)
    {
        int ticked = 0, total = 0;
        foreach (var item in items)
        {
            total++;
            if (item.Done)
                ticked++;
        }
        return new Tally(ticked, total);
    }
}

/// <summary>How far the plan is, on each axis the template ticks.</summary>
public sealed record PlanProgress(Tally Tasks, Tally MustHave, Tally Tests, Tally Documentation)
{
    /// <summary>Tasks of every phase; Must Have criteria; all four test lists; both documentation lists.</summary>
    public static PlanProgress Of(Milestone milestone) => new(
        Tally.Of(milestone.ImplementationPlan.Phases.SelectMany(p => p.Tasks)),
        Tally.Of(milestone.AcceptanceCriteria.MustHave),
        Tally.Of([.. milestone.Testing.UnitTests, .. milestone.Testing.IntegrationTests, .. milestone.Testing.PerformanceTests, .. milestone.Testing.SecurityTests]),
        Tally.Of([.. milestone.Documentation.Technical, .. milestone.Documentation.User]));

    /// <summary>The figure the stored Progress follows: the tasks' percentage.</summary>
    public int? Figure => Tasks.Percent;
}
