namespace ChainForge.Milestones.Milestones;

/// <summary>
/// One box of a milestone that its page can tick: a checklist item, an internal or external
/// dependency, or a checkpoint. <see cref="Name"/> is the item's path as the editor's form names
/// it (<c>Requirements.Functional[2]</c>, <c>Checkpoints.StartDate</c>); <see cref="Item"/> is
/// the object itself, which the reading export reports for each box line it writes.
/// </summary>
public sealed record MilestoneBox(string Name, string Label, object Item)
{
    public bool Ticked => Item switch
    {
        ChecklistItem c => c.Done,
        DependencyItem d => d.Satisfied,
        Checkpoint c => c.Reached,
        _ => throw new InvalidOperationException($"{Item.GetType().Name} has no box"),
    };

    public void Tick(bool ticked)
    {
        switch (Item)
        {
            case ChecklistItem c:
                c.Done = ticked;
                break;
            case DependencyItem d:
                d.Satisfied = ticked;
                break;
            case Checkpoint c:
                c.Reached = ticked;
                break;
        }
    }

    /// <summary>What the item says, to tell a person which box changed.</summary>
    public string Text => Item switch
    {
        ChecklistItem c => c.Text,
        DependencyItem d => d.Name,
        _ => Label,
    };
}

/// <summary>Every box of a milestone, in the order of the template.</summary>
public static class MilestoneBoxes
{
    public static IEnumerable<MilestoneBox> All(Milestone m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var lists = new List<(string Path, string Title, System.Collections.IEnumerable Items)>
        {
            ("Requirements.Functional", "Functional requirement", m.Requirements.Functional),
        };
        for (var i = 0; i < m.ImplementationPlan.Phases.Count; i++)
            lists.Add(($"ImplementationPlan.Phases[{i}].Tasks", $"Phase {i + 1} task", m.ImplementationPlan.Phases[i].Tasks));
        lists.AddRange(
        [
            ("AcceptanceCriteria.MustHave", "Must Have criterion", m.AcceptanceCriteria.MustHave),
            ("AcceptanceCriteria.ShouldHave", "Should Have criterion", m.AcceptanceCriteria.ShouldHave),
            ("AcceptanceCriteria.CouldHave", "Could Have criterion", m.AcceptanceCriteria.CouldHave),
            ("Testing.UnitTests", "Unit test", m.Testing.UnitTests),
            ("Testing.IntegrationTests", "Integration test", m.Testing.IntegrationTests),
            ("Testing.PerformanceTests", "Performance test", m.Testing.PerformanceTests),
            ("Testing.SecurityTests", "Security test", m.Testing.SecurityTests),
            ("DependencyTracking.Internal", "Internal dependency", m.DependencyTracking.Internal),
            ("DependencyTracking.External", "External dependency", m.DependencyTracking.External),
            ("Documentation.Technical", "Technical documentation item", m.Documentation.Technical),
            ("Documentation.User", "User documentation item", m.Documentation.User),
        ]);
        foreach (var (path, title, items) in lists)
        {
            var n = 0;
            foreach (var item in items)
            {
                yield return new MilestoneBox($"{path}[{n}]", $"{title} {n + 1}", item);
                n++;
            }
        }
        foreach (var (name, checkpoint) in m.Checkpoints.All())
            yield return new MilestoneBox($"Checkpoints.{name.Replace(" ", "", StringComparison.Ordinal)}", $"Checkpoint {name}", checkpoint);
    }

    public static MilestoneBox? Find(Milestone m, string name) => All(m).FirstOrDefault(b => b.Name == name);
}
