using System.Linq.Expressions;
using System.Text.RegularExpressions;
using ChainForge.Milestones.Milestones.Markdown;
using FluentValidation;
using Markdig;
using Markdig.Syntax;

namespace ChainForge.Milestones.Milestones;

/// <summary>
/// What a milestone must be to be saved, however it is saved: every rule keeps the markdown
/// form readable back into the same milestone (a value equal to a placeholder would come back
/// empty, a heading in a body would start a new section). Run it on a normalized milestone
/// (<see cref="MilestoneNormalizer"/>). That an ID is not taken is checked against the store.
/// </summary>
public sealed class MilestoneValidator : AbstractValidator<Milestone>
{
    public MilestoneValidator()
    {
        RuleFor(m => m.Id)
            .NotEmpty().WithMessage("Give the milestone an ID, such as M-001.")
            .MaximumLength(MilestoneLimits.Id).WithMessage($"An ID has at most {MilestoneLimits.Id} characters.")
            .Matches(MarkdownImporter.IdPattern()).WithMessage("An ID holds letters, digits, '.', '_' and '-' only.");
        RuleFor(m => m.Title).OneLine(Template.TitlePlaceholder);
        RuleFor(m => m.Phase).GreaterThan(0).WithMessage("The phase is a positive whole number.");
        RuleFor(m => m.StoryPoints).GreaterThanOrEqualTo(0).WithMessage("Story points cannot be negative.");
        RuleFor(m => m.Weeks)
            .GreaterThanOrEqualTo(0).WithMessage("Weeks cannot be negative.")
            .Must(w => w is not { } weeks || decimal.Round(weeks, 2) == weeks).WithMessage("Weeks have at most two decimals.");
        RuleFor(m => m.Dependencies).Must(d => d.Count <= MilestoneLimits.ListItems).WithMessage(TooMany);
        RuleForEach(m => m.Dependencies)
            .NotEmpty().WithMessage("Write the dependency or remove it.")
            .OneLine(Template.DependenciesPlaceholder)
            .Must(e => !e.Contains(", ", StringComparison.Ordinal)).WithMessage("An entry cannot contain “, ”: it separates the entries. Add one entry per dependency.");
        RuleFor(m => m.AssignedTo).OneLine(Template.AssignedToPlaceholder);

        RuleFor(m => m.ProblemStatement).Body(3, Template.ProblemStatementPlaceholder);
        RuleFor(m => m.SolutionOverview).Body(3, Template.SolutionOverviewPlaceholder);

        Checklist(m => m.Requirements.Functional, Template.FunctionalRequirementItems);
        RuleFor(m => m.Requirements.NonFunctional.Performance).OneLine(Template.NonFunctionalPlaceholders["Performance"]);
        RuleFor(m => m.Requirements.NonFunctional.Security).OneLine(Template.NonFunctionalPlaceholders["Security"]);
        RuleFor(m => m.Requirements.NonFunctional.Scalability).OneLine(Template.NonFunctionalPlaceholders["Scalability"]);
        RuleFor(m => m.Requirements.NonFunctional.Reliability).OneLine(Template.NonFunctionalPlaceholders["Reliability"]);

        RuleFor(m => m.Design.Architecture).Body(3, Template.ArchitecturePlaceholder);
        RuleFor(m => m.Design.Components).Must(c => c.Count <= MilestoneLimits.ListItems).WithMessage(TooMany);
        RuleForEach(m => m.Design.Components).ChildRules(component =>
        {
            component.RuleFor(c => c.Name)
                .Must((c, name) => name.Length > 0 || c.Description.Length > 0).WithMessage("A component needs a name or a description.")
                .OneLine()
                .Must(name => !name.Contains("**", StringComparison.Ordinal)).WithMessage("A name cannot contain “**”: it ends the bold name.")
                .Must(name => !Template.IsComponentNamePlaceholder(name)).WithMessage((_, name) => $"“{name}” is the template's placeholder name: it would be read back as empty.");
            component.RuleFor(c => c.Description).OneLine(Template.DescriptionPlaceholder);
        });
        RuleFor(m => m.Design.DataModels).SetValidator(new CodeSampleValidator(Template.DataModelsExample));
        RuleFor(m => m.Design.Interfaces).SetValidator(new CodeSampleValidator(Template.InterfacesExample));

        RuleFor(m => m.ImplementationPlan.Phases)
            .NotEmpty().WithMessage("A milestone has at least one phase.")
            .Must(p => p.Count <= MilestoneLimits.Phases).WithMessage($"At most {MilestoneLimits.Phases} phases.");
        RuleForEach(m => m.ImplementationPlan.Phases).ChildRules(phase =>
        {
            phase.RuleFor(p => p.Name)
                .NotEmpty().WithMessage("Give the phase a name.")
                .OneLine()
                .Must(name => !MilestoneRules.ClosingHashes().IsMatch(name)).WithMessage("A name cannot end with “#”: the heading would drop it.");
            phase.RuleFor(p => p.Tasks).Must(t => t.Count <= MilestoneLimits.ListItems).WithMessage(TooMany);
            phase.RuleForEach(p => p.Tasks).ChildRules(task => task.RuleFor(t => t.Text).ChecklistText(Template.TaskItems(1)));
        });

        Checklist(m => m.AcceptanceCriteria.MustHave, Template.MustHaveItems);
        Checklist(m => m.AcceptanceCriteria.ShouldHave, Template.ShouldHaveItems);
        Checklist(m => m.AcceptanceCriteria.CouldHave, Template.CouldHaveItems);
        Checklist(m => m.Testing.UnitTests, Template.UnitTestItems);
        Checklist(m => m.Testing.IntegrationTests, Template.IntegrationTestItems);
        Checklist(m => m.Testing.PerformanceTests, Template.PerformanceTestItems);
        Checklist(m => m.Testing.SecurityTests, Template.SecurityTestItems);

        Risks(m => m.Risks.TechnicalRisks);
        Risks(m => m.Risks.BusinessRisks);

        Metrics(m => m.Metrics.TechnicalMetrics, SuccessMetrics.TechnicalKeys);
        Metrics(m => m.Metrics.BusinessMetrics, SuccessMetrics.BusinessKeys);

        DependencyItems(m => m.DependencyTracking.Internal, Template.InternalDependencyItems);
        DependencyItems(m => m.DependencyTracking.External, Template.ExternalDependencyItems);

        Checklist(m => m.Documentation.Technical, Template.TechnicalDocumentationItems);
        Checklist(m => m.Documentation.User, Template.UserDocumentationItems);

        RuleFor(m => m.Review.TechnicalReview).SetValidator(new ReviewValidator());
        RuleFor(m => m.Review.BusinessReview).SetValidator(new ReviewValidator());

        RuleFor(m => m.Progress).InclusiveBetween(0, 100).WithMessage("Progress is a whole number from 0 to 100.");

        RuleFor(m => m.Notes).Body(3, Template.NotesPlaceholder);

        RuleFor(m => m.ExtraSections).Must(s => s.Count <= MilestoneLimits.ListItems).WithMessage(TooMany);
        RuleForEach(m => m.ExtraSections).ChildRules(section =>
        {
            section.RuleFor(s => s.Heading)
                .NotEmpty().WithMessage("Give the section a heading.")
                .OneLine()
                .Must(h => !Template.Sections.Any(s => string.Equals(s.Section, h, StringComparison.OrdinalIgnoreCase)))
                .WithMessage((_, h) => $"“{h}” is a section of the template: choose another heading.")
                .Must(h => !MilestoneRules.ClosingHashes().IsMatch(h)).WithMessage("A heading cannot end with “#”: it would be dropped.");
            section.RuleFor(s => s.Body).Body(2, null);
        });
    }

    private static readonly string TooMany = $"At most {MilestoneLimits.ListItems} items.";

    private void Checklist(Expression<Func<Milestone, IEnumerable<ChecklistItem>>> list, Template.ListPlaceholder placeholder)
    {
        RuleFor(list).Must(l => l.Count() <= MilestoneLimits.ListItems).WithMessage(TooMany);
        RuleForEach(list).ChildRules(item => item.RuleFor(i => i.Text).ChecklistText(placeholder));
    }

    private void Risks(Expression<Func<Milestone, IEnumerable<Risk>>> list)
    {
        RuleFor(list).Must(l => l.Count() <= MilestoneLimits.ListItems).WithMessage(TooMany);
        RuleForEach(list).ChildRules(risk =>
        {
            risk.RuleFor(r => r.Description)
                .NotEmpty().WithMessage("Describe the risk or remove the row.")
                .OneLine()
                .Must(d => !Template.RiskItems.Pattern.IsMatch(d)).WithMessage((_, d) => $"“{d}” is the template's placeholder: it would be read back as empty.");
            risk.RuleFor(r => r.Probability).IsInEnum();
            risk.RuleFor(r => r.Impact).IsInEnum();
            risk.RuleFor(r => r.Mitigation).OneLine(Template.MitigationPlaceholder);
        });
    }

    private void Metrics(Expression<Func<Milestone, IEnumerable<SuccessMetric>>> list, IReadOnlyList<string> fixedKeys)
    {
        RuleFor(list)
            .Must(l => l.Count() <= fixedKeys.Count + MilestoneLimits.ListItems).WithMessage(TooMany)
            .Must(l => l.Take(fixedKeys.Count).Select(m => m.Key).SequenceEqual(fixedKeys))
            .WithMessage($"The metrics {string.Join(", ", fixedKeys)} come first, in that order, and cannot be removed.")
            .Custom((list, context) =>
            {
                var metrics = list.ToList();
                for (var i = 0; i < metrics.Count; i++)
                {
                    if (i >= fixedKeys.Count && metrics[i].Key.Length > 0 && metrics.FindIndex(m => m.Key == metrics[i].Key) != i)
                        context.AddFailure($"{context.PropertyPath}[{i}].{nameof(SuccessMetric.Key)}", $"The metric “{metrics[i].Key}” is already in the list.");
                }
            });
        RuleForEach(list).ChildRules(metric =>
        {
            metric.RuleFor(m => m.Key)
                .NotEmpty().WithMessage("Name the metric or remove it.")
                .OneLine()
                .Must(k => !k.Contains("**", StringComparison.Ordinal)).WithMessage("A key cannot contain “**”: it ends the bold key.");
            metric.RuleFor(m => m.Metric)
                .Must((m, text) => text.Length > 0 || fixedKeys.Contains(m.Key)).WithMessage("Write the metric or remove it.")
                .OneLine()
                .Must(text => !Template.IsMetricPlaceholder(text)).WithMessage((_, text) => $"“{text}” is the template's placeholder: it would be read back as empty.");
            metric.RuleFor(m => m.Target)
                .OneLine(Template.TargetPlaceholder)
                .Must((m, target) => SplitsBack(m.Metric.Length > 0 ? m.Metric : "[METRIC]", target.Length > 0 ? target : Template.TargetPlaceholder, " target: "))
                .WithMessage("The target cannot contain or start with “target: ”: the line is split at the last “ target: ”.");
        });
    }

    private void DependencyItems(Expression<Func<Milestone, IEnumerable<DependencyItem>>> list, Template.ListPlaceholder placeholder)
    {
        RuleFor(list).Must(l => l.Count() <= MilestoneLimits.ListItems).WithMessage(TooMany);
        RuleForEach(list).ChildRules(item =>
        {
            item.RuleFor(d => d.Name)
                .NotEmpty().WithMessage("Name the dependency or remove it.")
                .OneLine()
                .Must(n => !placeholder.Pattern.IsMatch(n)).WithMessage((_, n) => $"“{n}” is the template's placeholder: it would be read back as empty.");
            item.RuleFor(d => d.Status)
                .OneLine(Template.StatusPlaceholder)
                .Must((d, status) => SplitsBack(d.Name.Length > 0 ? d.Name : "name", status.Length > 0 ? status : Template.StatusPlaceholder, " - "))
                .WithMessage("The status cannot contain “ - ” or start with “- ”: the line is split at the last “ - ”.");
        });
    }

    /// <summary>Whether a line written <c>{left}{separator}{right}</c> splits back at its last separator into the same two values.</summary>
    private static bool SplitsBack(string left, string right, string separator)
    {
        var line = left + separator + right;
        var split = line.LastIndexOf(separator, StringComparison.Ordinal);
        return line[..split].Trim() == left && line[(split + separator.Length)..].Trim() == right;
    }

    private sealed class CodeSampleValidator : AbstractValidator<CodeSample>
    {
        public CodeSampleValidator(string example)
        {
            RuleFor(c => c.Language)
                .MaximumLength(MilestoneLimits.Language).WithMessage($"A language has at most {MilestoneLimits.Language} characters.")
                // Markdig unescapes the info string (\- reads back as -).
                .Matches(MilestoneRules.Language()).WithMessage("A language is one word of letters, digits and + - # . _ (no spaces or backticks).");
            RuleFor(c => c.Code)
                .MaximumLength(MilestoneLimits.Code).WithMessage($"Code has at most {MilestoneLimits.Code} characters.")
                .NotEqual(example).WithMessage("This is the template's example: it would be read back as empty. Change it or clear it.");
        }
    }

    private sealed class ReviewValidator : AbstractValidator<Review>
    {
        public ReviewValidator()
        {
            RuleFor(r => r.Reviewer).OneLine(Template.ReviewerPlaceholder);
            RuleFor(r => r.Status).IsInEnum();
            RuleFor(r => r.Comments).OneLine(Template.ReviewCommentsPlaceholder);
        }
    }
}

/// <summary>Rules that several fields of a milestone share.</summary>
internal static partial class MilestoneRules
{
    // Reads blocks as the importer does; built once (Markdig's advice).
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseTaskLists().Build();

    private const string End = "## End";

    /// <summary>A value on one line, within the size limit, and not one of the template's placeholders.</summary>
    public static IRuleBuilderOptions<T, string> OneLine<T>(this IRuleBuilder<T, string> rule, params string[] placeholders) => rule
        .MaximumLength(MilestoneLimits.Line).WithMessage($"Keep this under {MilestoneLimits.Line} characters.")
        .Must(v => v.IndexOfAny(['\r', '\n']) < 0).WithMessage("Keep this to one line.")
        .Must(v => !placeholders.Contains(v)).WithMessage((_, v) => $"“{v}” is the template's placeholder: it would be read back as empty.");

    public static IRuleBuilderOptions<T, string> ChecklistText<T>(this IRuleBuilder<T, string> rule, Template.ListPlaceholder placeholder) => rule
        .NotEmpty().WithMessage("Write the item or remove it.")
        .OneLine()
        .Must(text => !placeholder.Pattern.IsMatch(text)).WithMessage((_, text) => $"“{text}” is the template's placeholder: it would be read back as empty.");

    /// <summary>
    /// A markdown body that stays inside its section: no heading of <paramref name="maxLevel"/> or
    /// above (which would start a section), and nothing left open that would swallow the next
    /// heading (an unclosed fence, comment or HTML block).
    /// </summary>
    public static IRuleBuilderOptions<T, string> Body<T>(this IRuleBuilder<T, string> rule, int maxLevel, string? placeholder) => rule
        .MaximumLength(MilestoneLimits.Body).WithMessage($"Keep this under {MilestoneLimits.Body} characters.")
        .Must(b => b != placeholder).WithMessage("This is the template's placeholder: it would be read back as empty.")
        .Must(b => b.Length > MilestoneLimits.Body || StaysInItsSection(b, maxLevel)).WithMessage(
            (_, b) => !SectionHeadings(b, maxLevel).Exists(h => h.Span.Start < b.Length)
                ? "Something here is left open (a ``` fence, an HTML comment or block) and would swallow the next section: close it."
                : $"Headings of level 1 to {maxLevel} would start a new section: use level {maxLevel + 1} (#{new string('#', maxLevel)}) or bold text. A line of --- or === under text is a heading too.");

    /// <summary>Followed by the next section's heading, that heading is the only one of its level or above.</summary>
    private static bool StaysInItsSection(string body, int maxLevel) =>
        SectionHeadings(body, maxLevel) is [var only] && only.Span.Start == body.Length + 2;

    private static List<HeadingBlock> SectionHeadings(string body, int maxLevel) =>
        [.. Markdig.Markdown.Parse(body + "\n\n" + End, Pipeline).OfType<HeadingBlock>().Where(h => h.Level <= maxLevel)];

    /// <summary>A fence's language as Markdig reads it back: no escapes, entities, spaces or backticks.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9+#._-]*$")]
    public static partial Regex Language();

    /// <summary>An ATX heading drops a closing run of <c>#</c>.</summary>
    [GeneratedRegex(@"(^|[ \t])#+$")]
    public static partial Regex ClosingHashes();
}
