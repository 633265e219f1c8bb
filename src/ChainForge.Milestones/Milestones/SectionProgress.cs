namespace ChainForge.Milestones.Milestones;

/// <summary>How many of a section's boxes are ticked.</summary>
public sealed record SectionTally(string Section, int Done, int Total)
{
    /// <summary>Whole percent ticked; a section with no items is at 0.</summary>
    public int Percent => Total == 0 ? 0 : Done * 100 / Total;
}

/// <summary>Ticked against total for each checklist section of a milestone.</summary>
public static class SectionProgress
{
    public static IReadOnlyList<SectionTally> Of(Milestone milestone)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        var criteria = milestone.AcceptanceCriteria;
        var testing = milestone.Testing;
        var dependencies = milestone.DependencyTracking.Internal.Concat(milestone.DependencyTracking.External).ToList();
        return
        [
            Tally("Functional requirements", milestone.Requirements.Functional),
            Tally("Tasks", milestone.ImplementationPlan.Phases.SelectMany(p => p.Tasks)),
            Tally("Must have", criteria.MustHave),
            Tally("Should have", criteria.ShouldHave),
            Tally("Could have", criteria.CouldHave),
            Tally("Tests", testing.UnitTests.Concat(testing.IntegrationTests).Concat(testing.PerformanceTests).Concat(testing.SecurityTests)),
            Tally("Documentation", milestone.Documentation.Technical.Concat(milestone.Documentation.User)),
            new SectionTally("Dependencies satisfied", dependencies.Count(d => d.Satisfied), dependencies.Count),
        ];
    }

    private static SectionTally Tally(string section, IEnumerable<ChecklistItem> items)
    {
        var list = items as IReadOnlyCollection<ChecklistItem> ?? [.. items];
        return new SectionTally(section, list.Count(i => i.Done), list.Count);
    }
}
