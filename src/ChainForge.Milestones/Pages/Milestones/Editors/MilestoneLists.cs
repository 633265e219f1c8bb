using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using ChainForge.Milestones.Milestones;

namespace ChainForge.Milestones.Pages.Milestones.Editors;

/// <summary>The kinds of list item, each edited by one partial <c>_{Shape}.cshtml</c>.</summary>
public enum ItemShape { Entry, ChecklistItem, Component, Phase, Risk, Metric, DependencyItem, ExtraSection }

/// <summary>
/// A list of a milestone that the form edits: where it is (its path, as the form names it
/// under <c>Milestone.</c>), what its items look like, and how far it may shrink and grow.
/// The first <see cref="Fixed"/> items stay where they are (the template's metric keys).
/// </summary>
public sealed record EditableList(string Path, string Title, string ItemName, ItemShape Shape, IList Items, int Min = 0, int Fixed = 0, int Max = MilestoneLimits.ListItems)
{
    public string NewItemLabel => $"Add {ItemName}";

    /// <summary>A blank item of this list's shape.</summary>
    public object NewItem() => Shape switch
    {
        ItemShape.Entry => "",
        ItemShape.ChecklistItem => new ChecklistItem(),
        ItemShape.Component => new Component(),
        ItemShape.Phase => new ImplementationPhase(),
        ItemShape.Risk => new Risk { Probability = RiskLevel.Medium, Impact = RiskLevel.Medium },
        ItemShape.Metric => new SuccessMetric(),
        ItemShape.DependencyItem => new DependencyItem(),
        ItemShape.ExtraSection => new ExtraSection(),
        _ => throw new InvalidOperationException($"no blank item for {Shape}"),
    };

    public bool CanAdd => Items.Count < Max;

    public bool CanRemove(int index) => index >= Fixed && Items.Count > Min;

    public bool CanMoveUp(int index) => index > Fixed;

    public bool CanMoveDown(int index) => index >= Fixed && index + 1 < Items.Count;

    /// <summary>
    /// Applies one edit, as <c>add</c>, <c>remove</c>, <c>up</c> or <c>down</c> and the index
    /// of the item; an edit the list does not allow changes nothing.
    /// </summary>
    public void Apply(string operation, int index)
    {
        switch (operation)
        {
            case "add" when CanAdd:
                Items.Add(NewItem());
                break;
            case "remove" when index < Items.Count && CanRemove(index):
                Items.RemoveAt(index);
                break;
            case "up" when index < Items.Count && CanMoveUp(index):
                Swap(index - 1, index);
                break;
            case "down" when CanMoveDown(index):
                Swap(index, index + 1);
                break;
        }
    }

    private void Swap(int a, int b) => (Items[a], Items[b]) = (Items[b], Items[a]);
}

/// <summary>
/// Every list of a milestone that the form edits, found by its path: one generic list editor
/// serves them all, with or without JavaScript.
/// </summary>
public static partial class MilestoneLists
{
    /// <summary>Each list of the milestone by path, in the template's order, phase tasks included.</summary>
    public static IEnumerable<EditableList> All(Milestone m)
    {
        yield return new("Dependencies", "Dependencies", "dependency", ItemShape.Entry, m.Dependencies);
        yield return Checklist("Requirements.Functional", "Functional Requirements", "requirement", m.Requirements.Functional);
        yield return new("Design.Components", "Components", "component", ItemShape.Component, m.Design.Components);
        yield return new("ImplementationPlan.Phases", "Phases", "phase", ItemShape.Phase, m.ImplementationPlan.Phases, Min: 1, Max: MilestoneLimits.Phases);
        for (var i = 0; i < m.ImplementationPlan.Phases.Count; i++)
            yield return Checklist($"ImplementationPlan.Phases[{i}].Tasks", $"Phase {i + 1} tasks", "task", m.ImplementationPlan.Phases[i].Tasks);
        yield return Checklist("AcceptanceCriteria.MustHave", "Must Have", "criterion", m.AcceptanceCriteria.MustHave);
        yield return Checklist("AcceptanceCriteria.ShouldHave", "Should Have", "criterion", m.AcceptanceCriteria.ShouldHave);
        yield return Checklist("AcceptanceCriteria.CouldHave", "Could Have", "criterion", m.AcceptanceCriteria.CouldHave);
        yield return Checklist("Testing.UnitTests", "Unit Tests", "test", m.Testing.UnitTests);
        yield return Checklist("Testing.IntegrationTests", "Integration Tests", "test", m.Testing.IntegrationTests);
        yield return Checklist("Testing.PerformanceTests", "Performance Tests", "test", m.Testing.PerformanceTests);
        yield return Checklist("Testing.SecurityTests", "Security Tests", "test", m.Testing.SecurityTests);
        yield return new("Risks.TechnicalRisks", "Technical Risks", "risk", ItemShape.Risk, m.Risks.TechnicalRisks);
        yield return new("Risks.BusinessRisks", "Business Risks", "risk", ItemShape.Risk, m.Risks.BusinessRisks);
        yield return Metrics("Metrics.TechnicalMetrics", "Technical Metrics", m.Metrics.TechnicalMetrics, SuccessMetrics.TechnicalKeys);
        yield return Metrics("Metrics.BusinessMetrics", "Business Metrics", m.Metrics.BusinessMetrics, SuccessMetrics.BusinessKeys);
        yield return new("DependencyTracking.Internal", "Internal Dependencies", "dependency", ItemShape.DependencyItem, m.DependencyTracking.Internal);
        yield return new("DependencyTracking.External", "External Dependencies", "dependency", ItemShape.DependencyItem, m.DependencyTracking.External);
        yield return Checklist("Documentation.Technical", "Technical Documentation", "document", m.Documentation.Technical);
        yield return Checklist("Documentation.User", "User Documentation", "document", m.Documentation.User);
        yield return new("ExtraSections", "Other sections", "section", ItemShape.ExtraSection, m.ExtraSections);
    }

    public static EditableList Find(Milestone m, string path) =>
        All(m).FirstOrDefault(l => l.Path == path) ?? throw new ArgumentException($"the milestone has no list {path}", nameof(path));

    /// <summary>
    /// Applies an edit posted by a list button, <c>operation|path|index</c> (such as
    /// <c>remove|Requirements.Functional|2</c>); false when it names no list.
    /// </summary>
    public static bool TryApply(Milestone m, string? edit)
    {
        var parts = (edit ?? "").Split('|');
        if (parts.Length is < 2 or > 3 || All(m).FirstOrDefault(l => l.Path == parts[1]) is not { } list)
            return false;
        var index = parts.Length == 3 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 0;
        list.Apply(parts[0], index);
        return true;
    }

    /// <summary>What a form field is called for people, from its name: "Must Have, item 2: Text".</summary>
    public static string Label(Milestone m, string fieldName)
    {
        var path = fieldName.StartsWith("Milestone.", StringComparison.Ordinal) ? fieldName["Milestone.".Length..] : fieldName;
        var item = ItemPath().Match(path);
        if (item.Success && All(m).FirstOrDefault(l => l.Path == item.Groups["list"].Value) is { } list)
        {
            var field = item.Groups["field"].Value;
            return $"{list.Title}, {list.ItemName} {int.Parse(item.Groups["index"].Value, CultureInfo.InvariantCulture) + 1}" + (field.Length > 0 ? $": {Words(field)}" : "");
        }
        if (All(m).FirstOrDefault(l => l.Path == path) is { } whole)
            return whole.Title;
        return path.Length == 0 ? "Milestone" : string.Join(", ", path.Split('.').Select(Words));
    }

    private static string Words(string name) => name == "Id" ? "ID" : CamelHumps().Replace(name, " $1").Trim();

    private static EditableList Checklist(string path, string title, string itemName, List<ChecklistItem> items) =>
        new(path, title, itemName, ItemShape.ChecklistItem, items);

    private static EditableList Metrics(string path, string title, List<SuccessMetric> items, IReadOnlyList<string> fixedKeys) =>
        new(path, title, "metric", ItemShape.Metric, items, Min: fixedKeys.Count, Fixed: fixedKeys.Count, Max: fixedKeys.Count + MilestoneLimits.ListItems);

    // The last index names the item: Phases[0].Tasks[1].Text is a task before it is a phase.
    [GeneratedRegex(@"^(?<list>.+)\[(?<index>\d+)\](?:\.(?<field>[^\[\]]+))?$")]
    private static partial Regex ItemPath();

    [GeneratedRegex(@"(?<!^)([A-Z])")]
    private static partial Regex CamelHumps();
}

/// <summary>One item of a list editor; index -1 is the blank item of its template.</summary>
public sealed record ListItemView(EditableList List, int Index, object Item);
