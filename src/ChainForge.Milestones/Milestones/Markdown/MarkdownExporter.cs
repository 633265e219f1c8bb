using System.Buffers;
using System.Globalization;

namespace ChainForge.Milestones.Milestones.Markdown;

/// <summary>
/// Writes a milestone in the canonical markdown form of template 1.0. The text is written
/// here rather than by a Markdig renderer: Markdig's round-trip renderer flattens pipe tables
/// and drops task-list boxes (xoofx/markdig#744).
/// </summary>
public static class MarkdownExporter
{
    /// <summary>What the milestone page shows for a field or list left empty, instead of the template's placeholder.</summary>
    public const string NotFilledIn = "not filled in";

    /// <summary>The canonical markdown: an empty field is the template's placeholder (the contract's laws).</summary>
    public static string Export(Milestone milestone) => Write(milestone, reading: false);

    /// <summary>
    /// The same document for reading on the milestone page: empty fields and lists say
    /// <see cref="NotFilledIn"/>, empty code samples are left out instead of the template's
    /// examples, and checklists say how many items are done. Never exported or imported.
    /// </summary>
    public static string ExportForReading(Milestone milestone) => ExportForReading(milestone, out _);

    /// <summary>
    /// The same, and the line (0-based) of each box it writes with the item the box belongs to
    /// (a <see cref="ChecklistItem"/>, <see cref="DependencyItem"/> or <see cref="Checkpoint"/>),
    /// so that the page can tell the boxes of its lists from boxes typed into a text.
    /// </summary>
    public static string ExportForReading(Milestone milestone, out IReadOnlyList<(int Line, object Item)> boxes)
    {
        var text = Write(milestone, reading: true, out var written);
        var lines = new List<(int Line, object Item)>(written.Count);
        int line = 0, counted = 0;
        foreach (var (offset, item) in written)
        {
            line += text.AsSpan(counted, offset - counted).Count('\n');
            counted = offset;
            lines.Add((line, item));
        }
        boxes = lines;
        return text;
    }

    private static string Write(Milestone milestone, bool reading) => Write(milestone, reading, out _);

    private static string Write(Milestone milestone, bool reading, out List<(int Offset, object Item)> boxes)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        using var w = new Writer { Reading = reading };
        boxes = w.Boxes;
        var m = milestone;

        w.Heading(1, m.Id.Length > 0 && m.Title.Length > 0 ? $"{m.Id}: {m.Title}" : reading && m.Id.Length > 0 ? m.Id : Template.Title);

        w.Heading(2, Template.Information);
        w.Lines(
            w.Field("ID", m.Id, Template.IdPlaceholder),
            w.Field("Title", m.Title, Template.TitlePlaceholder),
            w.Field("Phase", m.Phase?.ToString(CultureInfo.InvariantCulture), Template.PhasePlaceholder),
            w.Field("Priority", m.Priority is { } p ? TemplateSpelling.Write(p) : null, Template.LevelPlaceholder),
            w.Field("Estimated Effort", reading && m.StoryPoints is null && m.Weeks is null ? "" : $"{w.Number(m.StoryPoints)} story points / {w.Number(m.Weeks)} weeks", ""),
            w.Field("Dependencies", string.Join(", ", m.Dependencies), Template.DependenciesPlaceholder),
            w.Field("Assigned To", m.AssignedTo, Template.AssignedToPlaceholder));

        w.Heading(2, Template.ProblemStatement);
        w.Body(m.ProblemStatement, Template.ProblemStatementPlaceholder);
        w.Heading(2, Template.SolutionOverview);
        w.Body(m.SolutionOverview, Template.SolutionOverviewPlaceholder);

        w.Heading(2, Template.DetailedRequirements);
        w.Heading(3, Template.FunctionalRequirements);
        w.Checklist(m.Requirements.Functional, Template.FunctionalRequirementItems);
        w.Heading(3, Template.NonFunctionalRequirements);
        var nonFunctional = m.Requirements.NonFunctional;
        w.Lines(
            w.Field("Performance", nonFunctional.Performance, Template.NonFunctionalPlaceholders["Performance"]),
            w.Field("Security", nonFunctional.Security, Template.NonFunctionalPlaceholders["Security"]),
            w.Field("Scalability", nonFunctional.Scalability, Template.NonFunctionalPlaceholders["Scalability"]),
            w.Field("Reliability", nonFunctional.Reliability, Template.NonFunctionalPlaceholders["Reliability"]));

        w.Heading(2, Template.TechnicalDesign);
        w.Heading(3, Template.Architecture);
        w.Body(m.Design.Architecture, Template.ArchitecturePlaceholder);
        w.Heading(3, Template.Components);
        w.Lines(m.Design.Components.Count == 0
            ? reading ? [w.Placeholder("")] : [.. Enumerable.Range(1, 3).Select(n => w.Field(Template.ComponentNamePlaceholder(n), "", Template.DescriptionPlaceholder))]
            : [.. m.Design.Components.Select((c, i) => w.Field(
                c.Name.Length > 0 ? c.Name : w.Placeholder(Template.ComponentNamePlaceholder(i + 1)), c.Description, Template.DescriptionPlaceholder))]);
        w.Heading(3, Template.DataModels);
        w.Code(m.Design.DataModels, Template.DataModelsExample);
        w.Heading(3, Template.Interfaces);
        w.Code(m.Design.Interfaces, Template.InterfacesExample);

        w.Heading(2, Template.ImplementationPlan);
        for (var i = 0; i < m.ImplementationPlan.Phases.Count; i++)
        {
            var phase = m.ImplementationPlan.Phases[i];
            w.Heading(3, $"Phase {i + 1}: {phase.Name}");
            w.Checklist(phase.Tasks, Template.TaskItems(i + 1), numbered: true);
        }

        w.Heading(2, Template.AcceptanceCriteria);
        w.Heading(3, Template.MustHave);
        w.Checklist(m.AcceptanceCriteria.MustHave, Template.MustHaveItems);
        w.Heading(3, Template.ShouldHave);
        w.Checklist(m.AcceptanceCriteria.ShouldHave, Template.ShouldHaveItems);
        w.Heading(3, Template.CouldHave);
        w.Checklist(m.AcceptanceCriteria.CouldHave, Template.CouldHaveItems);

        w.Heading(2, Template.TestingStrategy);
        w.Heading(3, Template.UnitTests);
        w.Checklist(m.Testing.UnitTests, Template.UnitTestItems);
        w.Heading(3, Template.IntegrationTests);
        w.Checklist(m.Testing.IntegrationTests, Template.IntegrationTestItems);
        w.Heading(3, Template.PerformanceTests);
        w.Checklist(m.Testing.PerformanceTests, Template.PerformanceTestItems);
        w.Heading(3, Template.SecurityTests);
        w.Checklist(m.Testing.SecurityTests, Template.SecurityTestItems);

        w.Heading(2, Template.RiskAssessment);
        w.Heading(3, Template.TechnicalRisks);
        w.RiskTable(m.Risks.TechnicalRisks);
        w.Heading(3, Template.BusinessRisks);
        w.RiskTable(m.Risks.BusinessRisks);

        w.Heading(2, Template.SuccessMetrics);
        w.Heading(3, Template.TechnicalMetrics);
        w.Metrics(m.Metrics.TechnicalMetrics, SuccessMetrics.TechnicalKeys);
        w.Heading(3, Template.BusinessMetrics);
        w.Metrics(m.Metrics.BusinessMetrics, SuccessMetrics.BusinessKeys);

        w.Heading(2, Template.Dependencies);
        w.Heading(3, Template.InternalDependencies);
        w.DependencyItems(m.DependencyTracking.Internal, Template.InternalDependencyItems);
        w.Heading(3, Template.ExternalDependencies);
        w.DependencyItems(m.DependencyTracking.External, Template.ExternalDependencyItems);

        w.Heading(2, Template.DocumentationRequirements);
        w.Heading(3, Template.TechnicalDocumentation);
        w.Checklist(m.Documentation.Technical, Template.TechnicalDocumentationItems);
        w.Heading(3, Template.UserDocumentation);
        w.Checklist(m.Documentation.User, Template.UserDocumentationItems);

        w.Heading(2, Template.ReviewAndApproval);
        w.Heading(3, Template.TechnicalReview);
        w.Review(m.Review.TechnicalReview);
        w.Heading(3, Template.BusinessReview);
        w.Review(m.Review.BusinessReview);

        w.Heading(2, Template.ProgressTracking);
        w.Heading(3, Template.CurrentStatus);
        w.Lines(
            w.Field("Status", m.Status is { } s ? TemplateSpelling.Write(s) : null, Template.MilestoneStatusPlaceholder),
            w.Field("Progress", reading && m.Progress is null ? "" : $"{w.Number(m.Progress)}% complete", ""),
            w.Field("Last Updated", Date(m.LastUpdated), Template.DatePlaceholder));
        w.Heading(3, Template.Checkpoints);
        foreach (var (name, checkpoint) in m.Checkpoints.All())
        {
            w.BoxOf(checkpoint);
            w.Line($"- {Box(checkpoint.Reached)} " + w.Field(name, Date(checkpoint.Date), Template.DatePlaceholder)[2..]);
        }
        w.Line("");

        w.Heading(2, Template.NotesAndComments);
        w.Body(m.Notes, Template.NotesPlaceholder);

        foreach (var section in m.ExtraSections)
        {
            w.Heading(2, section.Heading);
            if (section.Body.Length > 0)
                w.Body(section.Body, "");
        }

        w.Line("---");
        w.Line("");
        foreach (var line in Template.FooterLines)
            w.Line(line);
        return w.ToString();
    }

    /// <summary>Shortest invariant form: 4, 1.5; never 4.0, never a comma.</summary>
    public static string Number(decimal? value) =>
        value is { } v ? v.ToString("0.############################", CultureInfo.InvariantCulture) : Template.NumberPlaceholder;

    public static string Date(DateOnly? date) =>
        date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string Number(int? value) => Number((decimal?)value);

    private static string Box(bool ticked) => ticked ? "[x]" : "[ ]";


    /// <summary>Fence of three backticks, or one more than the longest run inside the code.</summary>
    public static string Fence(string code)
    {
        int longest = 0, run = 0;
        foreach (var c in code)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return new string('`', Math.Max(3, longest + 1));
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>Blocks separated by one blank line; the text ends with exactly one newline.</summary>
    private sealed class Writer : IDisposable
    {
        // A pooled buffer rather than a StringBuilder: a large milestone is over 100 KB of text, and a
        // new buffer for it on every export is that much garbage besides the result (benchmarks/README.md).
        private char[] _text = ArrayPool<char>.Shared.Rent(32 * 1024);
        private int _length;

        public Writer Append(ReadOnlySpan<char> text)
        {
            if (_length + text.Length > _text.Length)
            {
                var larger = ArrayPool<char>.Shared.Rent(Math.Max(2 * _text.Length, _length + text.Length));
                _text.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<char>.Shared.Return(_text);
                _text = larger;
            }
            text.CopyTo(_text.AsSpan(_length));
            _length += text.Length;
            return this;
        }

        /// <summary>Written for the milestone page (<see cref="ExportForReading"/>), not as the canonical file.</summary>
        public bool Reading { get; init; }

        /// <summary>For reading: where each box of a list starts in the text, and its item.</summary>
        public List<(int Offset, object Item)> Boxes { get; } = [];

        public void BoxOf(object item)
        {
            if (Reading)
                Boxes.Add((_length, item));
        }

        /// <summary>The template's placeholder, or for reading, that nothing was filled in.</summary>
        public string Placeholder(string token) => Reading ? $"_{NotFilledIn}_" : token;

        public string Field(string key, string? value, string placeholder) =>
            $"- **{key}**: {(string.IsNullOrEmpty(value) ? Placeholder(placeholder) : value)}";

        /// <summary>For reading: a block that says an empty list or sample was not filled in.</summary>
        public void NothingFilledIn() => Body("", "");

        public string Number(decimal? value) => value is null && Reading ? "?" : MarkdownExporter.Number(value);

        public Writer Append(char c) => Append(new ReadOnlySpan<char>(in c));

        public Writer Append(int number) => Append(number.ToString(CultureInfo.InvariantCulture));

        public void Line(string line) => Append(line).Append('\n');

        public void Heading(int level, string text)
        {
            Line($"{new string('#', level)} {text}");
            Line("");
        }

        public void Lines(params string[] lines)
        {
            foreach (var line in lines)
                Line(line);
            Line("");
        }

        public void Body(string body, string placeholder)
        {
            Line(body.Length > 0 ? body : Placeholder(placeholder));
            Line("");
        }

        // Written straight into the text: checklists are most of a large milestone's lines.
        public void Checklist(List<ChecklistItem> items, Template.ListPlaceholder placeholder, bool numbered = false)
        {
            if (Reading)
            {
                if (items.Count == 0)
                {
                    NothingFilledIn();
                    return;
                }
                Line($"{items.Count(i => i.Done)} of {items.Count} done");
                Line("");
            }
            var count = items.Count == 0 ? placeholder.Count : items.Count;
            for (var n = 0; n < count; n++)
            {
                var (done, text) = items.Count == 0 ? (false, placeholder.Token(n)) : (items[n].Done, items[n].Text);
                if (items.Count > 0)
                    BoxOf(items[n]);
                if (numbered)
                    Append(n + 1).Append('.');
                else
                    Append('-');
                Append(' ').Append(Box(done)).Append(' ').Append(text).Append('\n');
            }
            Line("");
        }

        public void Code(CodeSample sample, string example)
        {
            if (Reading && sample.Code.Length == 0)
            {
                NothingFilledIn();
                return;
            }
            var (language, code) = sample.Code.Length > 0 ? (sample.Language, sample.Code) : (CodeSample.DefaultLanguage, example);
            var fence = Fence(code);
            Line(fence + language);
            Line(code);
            Line(fence);
            Line("");
        }

        public void RiskTable(List<Risk> risks)
        {
            if (Reading && risks.Count == 0)
            {
                NothingFilledIn();
                return;
            }
            Line(Template.RiskTableHeader);
            Line(Template.RiskTableSeparator);
            if (risks.Count == 0)
            {
                for (var n = 0; n < Template.RiskItems.Count; n++)
                    Line($"| {Template.RiskItems.Token(n)} | {Template.LevelPlaceholder} | {Template.LevelPlaceholder} | {Template.MitigationPlaceholder} |");
            }
            foreach (var risk in risks)
            {
                var mitigation = risk.Mitigation.Length > 0 ? Cell(risk.Mitigation) : Placeholder(Template.MitigationPlaceholder);
                Line($"| {Cell(risk.Description)} | {TemplateSpelling.Write(risk.Probability)} | {TemplateSpelling.Write(risk.Impact)} | {mitigation} |");
            }
            Line("");
        }

        public void Metrics(List<SuccessMetric> metrics, IReadOnlyList<string> fixedKeys)
        {
            var fixedLines = fixedKeys.Select(key =>
            {
                var metric = metrics.Find(m => m.Key == key) ?? new SuccessMetric { Key = key };
                return MetricLine(metric, Template.MetricPlaceholder(key));
            });
            var extraLines = metrics.Where(m => !fixedKeys.Contains(m.Key)).Select(m => MetricLine(m, ""));
            Lines([.. fixedLines, .. extraLines]);
        }

        private string MetricLine(SuccessMetric metric, string metricPlaceholder)
        {
            var text = metric.Metric.Length > 0 ? metric.Metric : Placeholder(metricPlaceholder);
            var target = metric.Target.Length > 0 ? metric.Target : Placeholder(Template.TargetPlaceholder);
            return $"- **{metric.Key}**: {text} target: {target}";
        }

        public void DependencyItems(List<DependencyItem> items, Template.ListPlaceholder placeholder)
        {
            if (Reading && items.Count == 0)
            {
                NothingFilledIn();
                return;
            }
            if (items.Count == 0)
            {
                Lines([.. Enumerable.Range(0, placeholder.Count).Select(n => $"- [ ] {placeholder.Token(n)} - {Template.StatusPlaceholder}")]);
                return;
            }
            foreach (var d in items)
            {
                BoxOf(d);
                Line($"- {Box(d.Satisfied)} {d.Name} - {(d.Status.Length > 0 ? d.Status : Placeholder(Template.StatusPlaceholder))}");
            }
            Line("");
        }

        public void Review(Review review) => Lines(
            Field("Reviewer", review.Reviewer, Template.ReviewerPlaceholder),
            Field("Date", Date(review.Date), Template.ReviewDatePlaceholder),
            Field("Status", review.Status is { } s ? TemplateSpelling.Write(s) : null, Template.ReviewStatusPlaceholder),
            Field("Comments", review.Comments, Template.ReviewCommentsPlaceholder));

        public override string ToString() => new(_text, 0, _length);

        public void Dispose() => ArrayPool<char>.Shared.Return(_text);
    }
}
