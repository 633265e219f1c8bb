using System.Globalization;
using ChainForge.Milestones.Milestones.Markdown;

namespace ChainForge.Milestones.Milestones;

/// <summary>
/// Puts a milestone typed in a form into the shape the markdown form reads back: one-line
/// values trimmed, bodies with LF line endings and no blank lines around them, weeks in their
/// shortest form, the default language on an empty code sample.
/// </summary>
public static class MilestoneNormalizer
{
    public static void Normalize(Milestone m)
    {
        ArgumentNullException.ThrowIfNull(m);
        m.Id = Line(m.Id);
        m.Title = Line(m.Title);
        m.AssignedTo = Line(m.AssignedTo);
        m.Dependencies = [.. (m.Dependencies ?? []).Select(Line)];
        // 1.50 and 1.5 are the same number but not the same stored value: keep the written one.
        m.Weeks = m.Weeks is { } weeks ? decimal.Parse(MarkdownExporter.Number(weeks), CultureInfo.InvariantCulture) : null;

        m.ProblemStatement = Body(m.ProblemStatement);
        m.SolutionOverview = Body(m.SolutionOverview);
        m.Notes = Body(m.Notes);

        Checklist(m.Requirements.Functional);
        var nonFunctional = m.Requirements.NonFunctional;
        nonFunctional.Performance = Line(nonFunctional.Performance);
        nonFunctional.Security = Line(nonFunctional.Security);
        nonFunctional.Scalability = Line(nonFunctional.Scalability);
        nonFunctional.Reliability = Line(nonFunctional.Reliability);

        m.Design.Architecture = Body(m.Design.Architecture);
        foreach (var component in m.Design.Components)
        {
            component.Name = Line(component.Name);
            component.Description = Line(component.Description);
        }
        Code(m.Design.DataModels);
        Code(m.Design.Interfaces);

        foreach (var phase in m.ImplementationPlan.Phases)
        {
            phase.Name = Line(phase.Name);
            Checklist(phase.Tasks);
        }

        Checklist(m.AcceptanceCriteria.MustHave);
        Checklist(m.AcceptanceCriteria.ShouldHave);
        Checklist(m.AcceptanceCriteria.CouldHave);
        Checklist(m.Testing.UnitTests);
        Checklist(m.Testing.IntegrationTests);
        Checklist(m.Testing.PerformanceTests);
        Checklist(m.Testing.SecurityTests);

        foreach (var risk in m.Risks.TechnicalRisks.Concat(m.Risks.BusinessRisks))
        {
            risk.Description = Line(risk.Description);
            risk.Mitigation = Line(risk.Mitigation);
        }
        foreach (var metric in m.Metrics.TechnicalMetrics.Concat(m.Metrics.BusinessMetrics))
        {
            metric.Key = Line(metric.Key);
            metric.Metric = Line(metric.Metric);
            metric.Target = Line(metric.Target);
        }
        foreach (var item in m.DependencyTracking.Internal.Concat(m.DependencyTracking.External))
        {
            item.Name = Line(item.Name);
            item.Status = Line(item.Status);
        }
        Checklist(m.Documentation.Technical);
        Checklist(m.Documentation.User);
        foreach (var review in new[] { m.Review.TechnicalReview, m.Review.BusinessReview })
        {
            review.Reviewer = Line(review.Reviewer);
            review.Comments = Line(review.Comments);
        }
        foreach (var section in m.ExtraSections)
        {
            section.Heading = Line(section.Heading);
            section.Body = Body(section.Body);
        }
    }

    /// <summary>A one-line value, trimmed; a missing one is empty.</summary>
    public static string Line(string? value) => (value ?? "").Trim();

    /// <summary>A markdown body with LF line endings and without blank lines before or after it, as import reads it.</summary>
    public static string Body(string? value)
    {
        var lines = LineEndings(value).Split('\n');
        var first = 0;
        var end = lines.Length;
        while (first < end && string.IsNullOrWhiteSpace(lines[first]))
            first++;
        while (end > first && string.IsNullOrWhiteSpace(lines[end - 1]))
            end--;
        return string.Join('\n', lines[first..end]);
    }

    /// <summary>Browsers post text areas with CRLF; the markdown form has LF.</summary>
    public static string LineEndings(string? value) =>
        (value ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static void Checklist(List<ChecklistItem> items)
    {
        foreach (var item in items)
            item.Text = Line(item.Text);
    }

    private static void Code(CodeSample sample)
    {
        sample.Code = LineEndings(sample.Code);
        sample.Language = sample.Code.Length == 0 ? CodeSample.DefaultLanguage : Line(sample.Language);
    }
}
