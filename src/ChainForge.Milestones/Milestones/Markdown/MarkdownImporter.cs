using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace ChainForge.Milestones.Milestones.Markdown;

/// <summary>
/// Reads a milestone file written in template 1.0. Markdig finds the blocks (headings, lists,
/// tables, fences) and where they are; values are sliced from the source text itself so that
/// free text comes back byte for byte. Every problem is reported with its line, not just the first.
/// </summary>
public static partial class MarkdownImporter
{
    // Built once: a pipeline is immutable and costly to build (Markdig's own advice).
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UsePreciseSourceLocation()
        .Build();

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a file's bytes, which must be UTF-8 (a byte order mark is allowed).</summary>
    public static ImportResult Import(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return Import(StrictUtf8.GetString(bytes));
        }
        catch (DecoderFallbackException e)
        {
            var at = Math.Clamp(e.Index, 0, bytes.Length);
            var line = bytes[..at].Count((byte)'\n') + 1;
            return ImportResult.Failure([new ImportError(line, "the file is not UTF-8 text")]);
        }
    }

    /// <summary>More lines than a milestone at its limits has (50 phases of 200 tasks): refused before parsing.</summary>
    public const int MaxLines = 50_000;

    /// <summary>No field holds a line longer than a body may be.</summary>
    public const int MaxLineLength = MilestoneLimits.Body;

    /// <summary>Quotes and lists nested deeper than this are refused before Markdig sees them (its own limit throws).</summary>
    public const int MaxNesting = 32;

    /// <summary>More list items than a milestone at its limits has (its lists and 50 phases of 200 tasks), counted before parsing.</summary>
    public const int MaxListItems = 15_000;

    public static ImportResult Import(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var source = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        if (Oversized(source) is { } error)
            return ImportResult.Failure([error]);
        return new Reader(source).Read();
    }

    /// <summary>
    /// What makes a file too costly to parse, found in one pass before the syntax tree is built:
    /// too many lines, a line longer than any field, blocks nested too deep.
    /// </summary>
    private static ImportError? Oversized(string source)
    {
        var line = 0;
        var items = 0;
        foreach (var range in source.AsSpan().Split('\n'))
        {
            line++;
            if (line > MaxLines)
                return new ImportError(line, $"the file has more than {MaxLines:N0} lines, more than a milestone at its limits");
            var text = source.AsSpan(range.Start.Value, range.End.Value - range.Start.Value);
            if (text.Length > MaxLineLength)
                return new ImportError(line, $"the line is longer than {MaxLineLength:N0} characters, more than any field may hold");
            var nesting = Nesting(text);
            if (nesting > MaxNesting)
                return new ImportError(line, NestedTooDeep);
            if (nesting > 0 && ++items > MaxListItems)
                return new ImportError(line, $"the file has more than {MaxListItems:N0} list items, more than a milestone at its limits");
        }
        return null;
    }

    public static readonly string NestedTooDeep = $"quotes or lists are nested more than {MaxNesting} deep here";

    /// <summary>The first line (from 1) of <paramref name="markdown"/> that nests quotes or lists too deep for Markdig, if any.</summary>
    public static int? LineNestedTooDeep(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var line = 0;
        foreach (var range in markdown.AsSpan().Split('\n'))
        {
            line++;
            if (Nesting(markdown.AsSpan(range.Start.Value, range.End.Value - range.Start.Value)) > MaxNesting)
                return line;
        }
        return null;
    }

    /// <summary>How many quote and list markers open the line, one inside the other.</summary>
    private static int Nesting(ReadOnlySpan<char> line)
    {
        var depth = 0;
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or '\t')
                i++;
            if (i < line.Length && line[i] == '>')
                i++;
            else if (i + 1 < line.Length && line[i] is '-' or '*' or '+' && line[i + 1] is ' ' or '\t')
                i += 2;
            else if (OrderedMarker(line[i..]) is > 0 and var length)
                i += length;
            else
                return depth;
            depth++;
        }
    }

    /// <summary>The length of an ordered list marker with its blank (<c>12. </c>, <c>3) </c>) opening the text, or 0.</summary>
    private static int OrderedMarker(ReadOnlySpan<char> text)
    {
        var digits = 0;
        while (digits < text.Length && digits < 10 && char.IsAsciiDigit(text[digits]))
            digits++;
        return digits > 0 && digits + 1 < text.Length && text[digits] is '.' or ')' && text[digits + 1] is ' ' or '\t' ? digits + 2 : 0;
    }

    /// <summary>
    /// The text of an ATX heading line of <paramref name="level"/> (Markdig found it a heading):
    /// without its opening hashes, a closing run of hashes after a blank, and the blanks around.
    /// One pass; the regex it replaces backtracked over long runs of blanks.
    /// </summary>
    public static string AtxHeadingText(ReadOnlySpan<char> line, int level)
    {
        var rest = line.TrimStart(' ');
        rest = rest[Math.Min(level, rest.Length)..].TrimStart(" \t").TrimEnd(" \t");
        var withoutClosing = rest.TrimEnd('#');
        if (withoutClosing.Length < rest.Length && withoutClosing.Length > 0 && withoutClosing[^1] is ' ' or '\t')
            rest = withoutClosing;
        return rest.Trim().ToString();
    }

    [GeneratedRegex(@"^Phase\s+(\d+):(?:[ \t]+(.*))?$")]
    private static partial Regex PhaseHeading();

    [GeneratedRegex(@"^(\[X\]|\d+) story points / (\[X\]|\d+(?:\.\d+)?) weeks$")]
    private static partial Regex Effort();

    [GeneratedRegex(@"^(\[X\]|\d+)% complete$")]
    private static partial Regex ProgressValue();

    [GeneratedRegex(@"^[A-Za-z0-9._-]+$")]
    public static partial Regex IdPattern();

    /// <summary>A <c>##</c> section or a structural <c>###</c> sub-section and what lies under it.</summary>
    private sealed class Part(string name, int headingLine, int firstLine)
    {
        public string Name { get; } = name;
        public int HeadingLine { get; } = headingLine;
        public int FirstLine { get; } = firstLine;
        public int EndLine { get; set; }
        public List<Block> Blocks { get; } = [];
        public List<Part> SubSections { get; } = [];
    }

    private sealed class Reader(string source)
    {
        // Lines are sliced from the source when needed rather than split up front: most are never read.
        private readonly int[] _lineStarts = LineStarts(source);
        private readonly List<ImportError> _errors = [];
        private readonly Milestone _milestone = new();
        private int _idLine, _statusLine, _technicalReviewLine, _businessReviewLine;

        public ImportResult Read()
        {
            MarkdownDocument document;
            try
            {
                document = Markdig.Markdown.Parse(source, Pipeline);
            }
            catch (ArgumentException)
            {
                // Markdig's own depth limit: nesting the line-by-line count above did not see
                // (built up over several lines). Where exactly, Markdig does not say.
                return ImportResult.Failure([new ImportError(1, $"quotes or lists are nested too deep for a milestone somewhere in the file (more than {MaxNesting} levels)")]);
            }
            var sections = Structure(document);
            var idLine = 0;
            var sectionLines = new Dictionary<string, int>();
            foreach (var section in sections)
            {
                sectionLines.TryAdd(section.Name, section.HeadingLine + 1);
                if (section.Name == Template.Information)
                    idLine = section.HeadingLine;
                ReadSection(section);
            }
            if (_milestone.Id.Length == 0 && !_errors.Exists(e => e.Message.StartsWith("ID:", StringComparison.Ordinal)))
                Error(idLine, "the file has no ID: expected `- **ID**: M-001` under `## Milestone Information`");

            _errors.Sort((a, b) => a.Line.CompareTo(b.Line));
            return _errors.Count == 0 ? ImportResult.Success(_milestone, new SourceLines(_idLine + 1, _statusLine + 1, _technicalReviewLine + 1, _businessReviewLine + 1) { Sections = sectionLines }) : ImportResult.Failure(_errors);
        }

        /// <summary>Splits the document into sections at its level 2 headings, and known
        /// sections into sub-sections at their level 3 headings; finds and checks the footer.</summary>
        private List<Part> Structure(MarkdownDocument document)
        {
            var blocks = document.ToList();
            var end = _lineStarts.Length;
            var footer = blocks.FindLastIndex(b => b is ThematicBreakBlock);
            if (footer >= 0 && footer + 1 < blocks.Count && blocks[footer + 1] is ParagraphBlock paragraph
                && Text(paragraph.Line).StartsWith("**Template Version**", StringComparison.Ordinal))
            {
                CheckFooter(paragraph);
                foreach (var after in blocks.Skip(footer + 2))
                    Error(after.Line, "text after the footer cannot be placed");
                end = blocks[footer].Line;
                blocks = blocks[..footer];
            }

            var sections = new List<Part>();
            Part? section = null, subSection = null;
            var seenTitle = false;
            foreach (var block in blocks)
            {
                if (block is HeadingBlock { Level: 1 } && section is null && !seenTitle)
                {
                    seenTitle = true;
                    continue;
                }
                if (block is HeadingBlock { Level: 2 } h2)
                {
                    var name = HeadingText(h2);
                    if (IsKnownSection(name) && sections.Exists(s => s.Name == name))
                        Error(h2.Line, $"the section `## {name}` appears twice");
                    section = new Part(name, h2.Line, h2.Line + 1);
                    subSection = null;
                    sections.Add(section);
                    continue;
                }
                if (section is null)
                {
                    Error(block.Line, "text between the title and the first `##` heading cannot be placed");
                    continue;
                }
                if (block is HeadingBlock { Level: 3 } h3 && IsKnownSection(section.Name))
                {
                    var name = HeadingText(h3);
                    if (!HasSubSections(section.Name))
                    {
                        Error(h3.Line, $"a `###` heading cannot be placed inside `## {section.Name}`");
                        continue;
                    }
                    if (section.SubSections.Exists(s => s.Name == name) && section.Name != Template.ImplementationPlan)
                        Error(h3.Line, $"the sub-section `### {name}` appears twice in `## {section.Name}`");
                    subSection = new Part(name, h3.Line, h3.Line + 1);
                    section.SubSections.Add(subSection);
                    continue;
                }
                if (block is HeadingBlock { Level: <= 3 } misplaced && IsKnownSection(section.Name))
                {
                    Error(misplaced.Line, $"a level {misplaced.Level} heading cannot be placed inside `## {section.Name}`");
                    continue;
                }
                (subSection ?? section).Blocks.Add(block);
            }

            // Each part runs to the next structural heading.
            for (var i = 0; i < sections.Count; i++)
            {
                var s = sections[i];
                s.EndLine = i + 1 < sections.Count ? sections[i + 1].HeadingLine : end;
                for (var j = 0; j < s.SubSections.Count; j++)
                    s.SubSections[j].EndLine = j + 1 < s.SubSections.Count ? s.SubSections[j + 1].HeadingLine : s.EndLine;
            }
            return sections;
        }

        private void CheckFooter(ParagraphBlock paragraph)
        {
            var expected = Template.FooterLines.Select(l => l.TrimEnd()).ToList();
            var actual = Enumerable.Range(paragraph.Line, LastLine(paragraph) - paragraph.Line + 1).Select(n => Text(n).TrimEnd()).ToList();
            if (!expected.SequenceEqual(actual))
                Error(paragraph.Line, "the footer differs from the template's: expected " + string.Join(" / ", expected));
        }

        private static readonly HashSet<string> KnownSections = [.. Template.Sections.Select(s => s.Section)];

        private static bool IsKnownSection(string name) => KnownSections.Contains(name);

        private static readonly HashSet<string> SectionsWithSubSections =
            [Template.ImplementationPlan, .. Template.Sections.Where(s => s.SubSections.Length > 0).Select(s => s.Section)];

        private static bool HasSubSections(string name) => SectionsWithSubSections.Contains(name);

        private void ReadSection(Part section)
        {
            var m = _milestone;
            switch (section.Name)
            {
                case Template.Information:
                    ReadInformation(section);
                    return;
                case Template.ProblemStatement:
                    m.ProblemStatement = Body(section, Template.ProblemStatementPlaceholder);
                    return;
                case Template.SolutionOverview:
                    m.SolutionOverview = Body(section, Template.SolutionOverviewPlaceholder);
                    return;
                case Template.NotesAndComments:
                    m.Notes = Body(section, Template.NotesPlaceholder);
                    return;
                case Template.ImplementationPlan:
                    ReadImplementationPlan(section);
                    return;
                case var name when !IsKnownSection(name):
                    m.ExtraSections.Add(new ExtraSection { Heading = name, Body = Body(section, null) });
                    return;
            }

            NoTextBeforeSubSections(section);
            foreach (var sub in section.SubSections)
            {
                switch ((section.Name, sub.Name))
                {
                    case (Template.DetailedRequirements, Template.FunctionalRequirements):
                        m.Requirements.Functional = Checklist(sub, Template.FunctionalRequirementItems);
                        break;
                    case (Template.DetailedRequirements, Template.NonFunctionalRequirements):
                        ReadNonFunctional(sub);
                        break;
                    case (Template.TechnicalDesign, Template.Architecture):
                        m.Design.Architecture = Body(sub, Template.ArchitecturePlaceholder);
                        break;
                    case (Template.TechnicalDesign, Template.Components):
                        m.Design.Components = Components(sub);
                        break;
                    case (Template.TechnicalDesign, Template.DataModels):
                        m.Design.DataModels = Code(sub, Template.DataModelsExample);
                        break;
                    case (Template.TechnicalDesign, Template.Interfaces):
                        m.Design.Interfaces = Code(sub, Template.InterfacesExample);
                        break;
                    case (Template.AcceptanceCriteria, Template.MustHave):
                        m.AcceptanceCriteria.MustHave = Checklist(sub, Template.MustHaveItems);
                        break;
                    case (Template.AcceptanceCriteria, Template.ShouldHave):
                        m.AcceptanceCriteria.ShouldHave = Checklist(sub, Template.ShouldHaveItems);
                        break;
                    case (Template.AcceptanceCriteria, Template.CouldHave):
                        m.AcceptanceCriteria.CouldHave = Checklist(sub, Template.CouldHaveItems);
                        break;
                    case (Template.TestingStrategy, Template.UnitTests):
                        m.Testing.UnitTests = Checklist(sub, Template.UnitTestItems);
                        break;
                    case (Template.TestingStrategy, Template.IntegrationTests):
                        m.Testing.IntegrationTests = Checklist(sub, Template.IntegrationTestItems);
                        break;
                    case (Template.TestingStrategy, Template.PerformanceTests):
                        m.Testing.PerformanceTests = Checklist(sub, Template.PerformanceTestItems);
                        break;
                    case (Template.TestingStrategy, Template.SecurityTests):
                        m.Testing.SecurityTests = Checklist(sub, Template.SecurityTestItems);
                        break;
                    case (Template.RiskAssessment, Template.TechnicalRisks):
                        m.Risks.TechnicalRisks = Risks(sub);
                        break;
                    case (Template.RiskAssessment, Template.BusinessRisks):
                        m.Risks.BusinessRisks = Risks(sub);
                        break;
                    case (Template.SuccessMetrics, Template.TechnicalMetrics):
                        m.Metrics.TechnicalMetrics = Metrics(sub, SuccessMetrics.TechnicalKeys);
                        break;
                    case (Template.SuccessMetrics, Template.BusinessMetrics):
                        m.Metrics.BusinessMetrics = Metrics(sub, SuccessMetrics.BusinessKeys);
                        break;
                    case (Template.Dependencies, Template.InternalDependencies):
                        m.DependencyTracking.Internal = DependencyItems(sub, Template.InternalDependencyItems);
                        break;
                    case (Template.Dependencies, Template.ExternalDependencies):
                        m.DependencyTracking.External = DependencyItems(sub, Template.ExternalDependencyItems);
                        break;
                    case (Template.DocumentationRequirements, Template.TechnicalDocumentation):
                        m.Documentation.Technical = Checklist(sub, Template.TechnicalDocumentationItems);
                        break;
                    case (Template.DocumentationRequirements, Template.UserDocumentation):
                        m.Documentation.User = Checklist(sub, Template.UserDocumentationItems);
                        break;
                    case (Template.ReviewAndApproval, Template.TechnicalReview):
                        m.Review.TechnicalReview = ReadReview(sub, out _technicalReviewLine);
                        break;
                    case (Template.ReviewAndApproval, Template.BusinessReview):
                        m.Review.BusinessReview = ReadReview(sub, out _businessReviewLine);
                        break;
                    case (Template.ProgressTracking, Template.CurrentStatus):
                        ReadCurrentStatus(sub);
                        break;
                    case (Template.ProgressTracking, Template.Checkpoints):
                        ReadCheckpoints(sub);
                        break;
                    default:
                        var expected = string.Join(", ", Template.Sections.First(s => s.Section == section.Name).SubSections.Select(s => $"`### {s}`"));
                        Error(sub.HeadingLine, $"`### {sub.Name}` cannot be placed in `## {section.Name}`: expected {expected}");
                        break;
                }
            }
        }

        private void NoTextBeforeSubSections(Part section)
        {
            foreach (var block in section.Blocks)
                Error(block.Line, $"text cannot be placed directly under `## {section.Name}`: expected a `###` sub-section");
        }

        private void ReadInformation(Part section)
        {
            var m = _milestone;
            var fields = Fields(section, ["ID", "Title", "Phase", "Priority", "Estimated Effort", "Dependencies", "Assigned To"]);
            foreach (var (key, (line, value)) in fields)
            {
                switch (key)
                {
                    case "ID":
                        _idLine = line;
                        var id = Unless(value, Template.IdPlaceholder);
                        if (id.Length > 0 && !IdPattern().IsMatch(id))
                            Error(line, $"ID: expected letters, digits, `.`, `_` or `-`, found `{id}`");
                        else
                            m.Id = id;
                        break;
                    case "Title":
                        m.Title = Unless(value, Template.TitlePlaceholder);
                        break;
                    case "Phase":
                        var phase = Unless(value, Template.PhasePlaceholder);
                        if (phase.Length == 0)
                            break;
                        if (int.TryParse(phase, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
                            m.Phase = number;
                        else
                            Error(line, $"Phase: expected a positive whole number, found `{phase}`");
                        break;
                    case "Priority":
                        m.Priority = Enumeration<Priority>(line, "Priority", Unless(value, Template.LevelPlaceholder));
                        break;
                    case "Estimated Effort":
                        ReadEffort(line, value);
                        break;
                    case "Dependencies":
                        var entries = Unless(value, Template.DependenciesPlaceholder);
                        m.Dependencies = entries.Length == 0
                            ? []
                            : [.. entries.Split(", ").Select(e => e.Trim()).Where(e => e.Length > 0)];
                        break;
                    case "Assigned To":
                        m.AssignedTo = Unless(value, Template.AssignedToPlaceholder);
                        break;
                }
            }
        }

        private void ReadEffort(int line, string value)
        {
            var match = Effort().Match(value);
            if (!match.Success)
            {
                Error(line, $"Estimated Effort: expected `N story points / N weeks` (each number may stay `[X]`), found `{value}`");
                return;
            }
            var points = match.Groups[1].Value;
            var weeks = match.Groups[2].Value;
            if (points != Template.NumberPlaceholder)
            {
                if (int.TryParse(points, NumberStyles.None, CultureInfo.InvariantCulture, out var p))
                    _milestone.StoryPoints = p;
                else
                    Error(line, $"Estimated Effort: `{points}` story points is too large");
            }
            if (weeks != Template.NumberPlaceholder)
            {
                if (decimal.TryParse(weeks, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var w))
                    _milestone.Weeks = w;
                else
                    Error(line, $"Estimated Effort: `{weeks}` weeks is too large");
            }
        }

        private void ReadNonFunctional(Part sub)
        {
            var nonFunctional = _milestone.Requirements.NonFunctional;
            foreach (var (key, (_, value)) in Fields(sub, [.. Template.NonFunctionalPlaceholders.Keys]))
            {
                var text = Unless(value, Template.NonFunctionalPlaceholders[key]);
                switch (key)
                {
                    case "Performance": nonFunctional.Performance = text; break;
                    case "Security": nonFunctional.Security = text; break;
                    case "Scalability": nonFunctional.Scalability = text; break;
                    case "Reliability": nonFunctional.Reliability = text; break;
                }
            }
        }

        /// <param name="statusLine">The review's Status line, or its heading when it has none.</param>
        private Review ReadReview(Part sub, out int statusLine)
        {
            var review = new Review();
            statusLine = sub.HeadingLine;
            foreach (var (key, (line, value)) in Fields(sub, ["Reviewer", "Date", "Status", "Comments"]))
            {
                switch (key)
                {
                    case "Reviewer": review.Reviewer = Unless(value, Template.ReviewerPlaceholder); break;
                    case "Date": review.Date = Date(line, "Date", Unless(value, Template.ReviewDatePlaceholder)); break;
                    case "Status":
                        statusLine = line;
                        review.Status = Enumeration<ReviewStatus>(line, "Status", Unless(value, Template.ReviewStatusPlaceholder));
                        break;
                    case "Comments": review.Comments = Unless(value, Template.ReviewCommentsPlaceholder); break;
                }
            }
            return review;
        }

        private void ReadCurrentStatus(Part sub)
        {
            var m = _milestone;
            _statusLine = sub.HeadingLine;
            foreach (var (key, (line, value)) in Fields(sub, ["Status", "Progress", "Last Updated"]))
            {
                switch (key)
                {
                    case "Status":
                        _statusLine = line;
                        m.Status = Enumeration<MilestoneStatus>(line, "Status", Unless(value, Template.MilestoneStatusPlaceholder));
                        break;
                    case "Progress":
                        var match = ProgressValue().Match(value);
                        if (!match.Success)
                            Error(line, $"Progress: expected `N% complete` with N a whole number from 0 to 100, found `{value}`");
                        else if (match.Groups[1].Value != Template.NumberPlaceholder)
                        {
                            if (int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var percent) && percent <= 100)
                                m.Progress = percent;
                            else
                                Error(line, $"Progress: expected a whole number from 0 to 100, found `{match.Groups[1].Value}%`");
                        }
                        break;
                    case "Last Updated":
                        m.LastUpdated = Date(line, "Last Updated", Unless(value, Template.DatePlaceholder));
                        break;
                }
            }
        }

        private void ReadImplementationPlan(Part section)
        {
            NoTextBeforeSubSections(section);
            var phases = new List<ImplementationPhase>();
            foreach (var sub in section.SubSections)
            {
                var match = PhaseHeading().Match(sub.Name);
                if (!match.Success)
                {
                    Error(sub.HeadingLine, $"expected a phase heading `### Phase {phases.Count + 1}: Name`, found `### {sub.Name}`");
                    continue;
                }
                var name = match.Groups[2].Value.Trim();
                if (name.Length == 0)
                    Error(sub.HeadingLine, $"`### {sub.Name}` has no name: expected `### Phase {phases.Count + 1}: Name`");
                phases.Add(new ImplementationPhase { Name = name, Tasks = Checklist(sub, Template.TaskItems(phases.Count + 1)) });
            }
            if (phases.Count > 0)
                _milestone.ImplementationPlan.Phases = phases;
        }

        private List<ChecklistItem> Checklist(Part part, Template.ListPlaceholder placeholder)
        {
            var items = new List<ChecklistItem>();
            foreach (var (line, text) in ListItems(part, "a checklist item `- [ ] text`"))
            {
                if (Box(line, text) is not var (done, rest))
                    continue;
                if (!placeholder.Pattern.IsMatch(rest))
                    items.Add(new ChecklistItem { Text = rest, Done = done });
            }
            return items;
        }

        private List<DependencyItem> DependencyItems(Part part, Template.ListPlaceholder placeholder)
        {
            var items = new List<DependencyItem>();
            foreach (var (line, text) in ListItems(part, "a dependency `- [ ] name - status`"))
            {
                if (Box(line, text) is not var (done, rest))
                    continue;
                var (name, status) = SplitAtLast(rest, " - ");
                status = Unless(status, Template.StatusPlaceholder);
                if (placeholder.Pattern.IsMatch(name) || name.Length == 0)
                {
                    if (status.Length > 0)
                        Error(line, "a dependency needs a name: expected `- [ ] name - status`");
                    continue;
                }
                items.Add(new DependencyItem { Name = name, Status = status, Satisfied = done });
            }
            return items;
        }

        private List<Component> Components(Part part)
        {
            var components = new List<Component>();
            foreach (var (line, text) in ListItems(part, "a component `- **Name**: description`"))
            {
                if (KeyAndValue(line, text, "a component `- **Name**: description`") is not var (key, value))
                    continue;
                var name = Template.IsComponentNamePlaceholder(key) ? "" : key;
                var description = Unless(value, Template.DescriptionPlaceholder);
                if (name.Length > 0 || description.Length > 0)
                    components.Add(new Component { Name = name, Description = description });
            }
            return components;
        }

        private List<SuccessMetric> Metrics(Part part, IReadOnlyList<string> fixedKeys)
        {
            var metrics = SuccessMetric.ForKeys(fixedKeys);
            var seen = new HashSet<string>();
            foreach (var (line, text) in ListItems(part, "a metric `- **Key**: metric target: value`"))
            {
                if (KeyAndValue(line, text, "a metric `- **Key**: metric target: value`") is not var (key, value))
                    continue;
                if (!seen.Add(key))
                {
                    Error(line, $"the metric `{key}` appears twice");
                    continue;
                }
                var (metricText, target) = SplitAtLast(value, " target: ");
                target = Unless(target, Template.TargetPlaceholder);
                if (Template.IsMetricPlaceholder(metricText))
                    metricText = "";
                if (fixedKeys.Contains(key))
                {
                    var metric = metrics.First(m => m.Key == key);
                    (metric.Metric, metric.Target) = (metricText, target);
                }
                else if (metricText.Length == 0)
                    Error(line, $"the metric `{key}` needs a metric: expected `- **{key}**: metric target: value`");
                else
                    metrics.Add(new SuccessMetric { Key = key, Metric = metricText, Target = target });
            }
            return metrics;
        }

        private void ReadCheckpoints(Part part)
        {
            var checkpoints = _milestone.Checkpoints.All().ToList();
            var seen = new HashSet<string>();
            foreach (var (line, text) in ListItems(part, "a checkpoint `- [ ] **Start Date**: yyyy-MM-dd`"))
            {
                if (Box(line, text) is not var (reached, rest))
                    continue;
                if (KeyAndValue(line, rest, "a checkpoint `- [ ] **Start Date**: yyyy-MM-dd`") is not var (key, value))
                    continue;
                var checkpoint = checkpoints.Find(c => c.Name == key).Checkpoint;
                if (checkpoint is null)
                {
                    Error(line, $"unknown checkpoint `{key}`: expected one of {string.Join(", ", checkpoints.Select(c => c.Name))}");
                    continue;
                }
                if (!seen.Add(key))
                    Error(line, $"the checkpoint `{key}` appears twice");
                checkpoint.Reached = reached;
                checkpoint.Date = Date(line, key, Unless(value, Template.DatePlaceholder));
            }
        }

        private List<Risk> Risks(Part part)
        {
            var risks = new List<Risk>();
            Table? table = null;
            foreach (var block in part.Blocks)
            {
                if (block is Table t && table is null)
                    table = t;
                else
                    Error(block.Line, "expected the risk table `| Risk | Probability | Impact | Mitigation |` and nothing else");
            }
            if (table is null)
                return risks;

            var lastLine = LastLine(table);
            var header = Cells(Line(table.Line));
            if (!header.Select(c => c.ToUpperInvariant()).SequenceEqual(["RISK", "PROBABILITY", "IMPACT", "MITIGATION"]))
                Error(table.Line, "expected the header `| Risk | Probability | Impact | Mitigation |`");
            for (var line = table.Line + 2; line <= lastLine; line++)
            {
                var cells = Cells(Line(line));
                if (cells.Count != 4)
                {
                    Error(line, $"a risk row needs 4 cells (risk, probability, impact, mitigation), found {cells.Count}");
                    continue;
                }
                var description = Template.RiskItems.Pattern.IsMatch(cells[0]) ? "" : cells[0];
                var probability = Unless(cells[1], Template.LevelPlaceholder);
                var impact = Unless(cells[2], Template.LevelPlaceholder);
                var mitigation = Unless(cells[3], Template.MitigationPlaceholder);
                if (description.Length == 0 && probability.Length == 0 && impact.Length == 0 && mitigation.Length == 0)
                    continue;
                if (description.Length == 0)
                {
                    Error(line, "a risk row needs the risk in its first cell");
                    continue;
                }
                var p = Level(line, "Probability", probability);
                var i = Level(line, "Impact", impact);
                if (p is { } pl && i is { } il)
                    risks.Add(new Risk { Description = description, Probability = pl, Impact = il, Mitigation = mitigation });
            }
            return risks;
        }

        private RiskLevel? Level(int line, string name, string value)
        {
            if (value.Length == 0)
            {
                Error(line, $"a risk row needs its {name.ToLowerInvariant()}: expected {TemplateSpelling.Choices<RiskLevel>()}");
                return null;
            }
            return Enumeration<RiskLevel>(line, name, value);
        }

        private CodeSample Code(Part part, string example)
        {
            var sample = new CodeSample();
            FencedCodeBlock? fenced = null;
            foreach (var block in part.Blocks)
            {
                if (block is FencedCodeBlock f && fenced is null)
                    fenced = f;
                else
                    Error(block.Line, "expected one fenced code block: three backticks, the language, the code, three backticks");
            }
            if (fenced is null)
                return sample;

            var lastLine = LastLine(fenced);
            var closed = lastLine > fenced.Line && Text(lastLine).Trim().StartsWith(fenced.FencedChar)
                && Text(lastLine).Trim().Trim(fenced.FencedChar).Length == 0;
            if (!closed)
            {
                Error(fenced.Line, "the code block is not closed: expected a closing fence");
                return sample;
            }
            var code = Lines(fenced.Line + 1, lastLine);
            if (code.Length > 0 && code != example)
            {
                sample.Language = (fenced.Info ?? "").Trim();
                sample.Code = code;
            }
            return sample;
        }

        /// <summary>The text of the part between its heading and the next one, blank lines trimmed.</summary>
        private string Body(Part part, string? placeholder)
        {
            var first = part.FirstLine;
            var end = part.EndLine;
            while (first < end && Line(first).IsWhiteSpace())
                first++;
            while (end > first && Line(end - 1).IsWhiteSpace())
                end--;
            var body = Lines(first, end);
            return body == placeholder ? "" : body;
        }

        /// <summary>Each item of the part's lists as (line, text after the marker); anything else is an error.</summary>
        private List<(int Line, string Text)> ListItems(Part part, string expected)
        {
            var items = new List<(int, string)>();
            foreach (var block in part.Blocks)
            {
                if (block is not ListBlock list)
                {
                    Error(block.Line, $"expected {expected}");
                    continue;
                }
                foreach (var child in list)
                {
                    if (child is not ListItemBlock item)
                        continue;
                    if (item.Count != 1 || item[0] is not ParagraphBlock paragraph || LastLine(paragraph) != paragraph.Line)
                    {
                        Error(item.Line, $"expected {expected} on one line");
                        continue;
                    }
                    var lineText = Line(item.Line);
                    items.Add((item.Line, lineText[MarkerLength(lineText)..].Trim().ToString()));
                }
            }
            return items;
        }

        /// <summary>The length of the list marker opening the line with the blanks after it, as
        /// <c>^\s{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)</c> would match it; 0 when there is none.
        /// Written out rather than a regex: it runs for every item.</summary>
        private static int MarkerLength(ReadOnlySpan<char> line)
        {
            var i = 0;
            while (i < 3 && i < line.Length && char.IsWhiteSpace(line[i]))
                i++;
            if (i < line.Length && line[i] is '-' or '*' or '+')
                i++;
            else
            {
                var digits = 0;
                while (i + digits < line.Length && char.IsDigit(line[i + digits]))
                    digits++;
                if (digits is 0 or > 9 || i + digits == line.Length || line[i + digits] is not ('.' or ')'))
                    return 0;
                i += digits + 1;
            }
            if (i < line.Length && line[i] is not (' ' or '\t'))
                return 0;
            while (i < line.Length && line[i] is ' ' or '\t')
                i++;
            return i;
        }

        private (bool Done, string Text)? Box(int line, string text)
        {
            // `[ ]`, `[x]` or `[X]`, then blanks or the end, as ^\[([ xX])\](?:[ \t]+(.*))?$ would match.
            // Written out rather than a regex: it runs for every item.
            if (text.Length < 3 || text[0] != '[' || text[1] is not (' ' or 'x' or 'X') || text[2] != ']'
                || (text.Length > 3 && text[3] is not (' ' or '\t')))
            {
                Error(line, $"expected a box `[ ]` or `[x]` at the start of the item, found `{text}`");
                return null;
            }
            var rest = text.AsSpan(3).Trim().ToString();
            if (rest.Length == 0)
            {
                Error(line, "the item has a box but no text");
                return null;
            }
            return (text[1] != ' ', rest);
        }

        private (string Key, string Value)? KeyAndValue(int line, string text, string expected)
        {
            // Read as ^\*\*(.+?)\*\*:(?:[ \t]+(.*))?$ would: the key ends at the first `**:` followed by a
            // blank or the end. Written out rather than a regex: it runs for every field, component and metric.
            if (text.Length >= 6 && text.StartsWith("**", StringComparison.Ordinal))
            {
                for (var end = text.IndexOf("**:", 3, StringComparison.Ordinal); end >= 0; end = text.IndexOf("**:", end + 1, StringComparison.Ordinal))
                {
                    var value = text.AsSpan(end + 3);
                    if (value.IsEmpty || value[0] is ' ' or '\t')
                        return (text[2..end].Trim(), value.Trim().ToString());
                }
            }
            Error(line, $"expected {expected}, found `{text}`");
            return null;
        }

        /// <summary>The <c>- **Key**: value</c> items of a part, each key once and known.</summary>
        private List<(string Key, (int Line, string Value))> Fields(Part part, string[] keys)
        {
            var fields = new List<(string, (int, string))>();
            var expected = $"a field `- **{keys[0]}**: value`";
            foreach (var (line, text) in ListItems(part, expected))
            {
                if (KeyAndValue(line, text, expected) is not var (key, value))
                    continue;
                if (!keys.Contains(key))
                    Error(line, $"unknown field `{key}`: expected one of {string.Join(", ", keys)}");
                else if (fields.Exists(f => f.Item1 == key))
                    Error(line, $"the field `{key}` appears twice");
                else
                    fields.Add((key, (line, value)));
            }
            return fields;
        }

        private T? Enumeration<T>(int line, string name, string value) where T : struct, Enum
        {
            if (value.Length == 0)
                return null;
            var parsed = TemplateSpelling.Parse<T>(value);
            if (parsed is null)
                Error(line, $"{name}: expected {TemplateSpelling.Choices<T>()}, found `{value}`");
            return parsed;
        }

        private DateOnly? Date(int line, string name, string value)
        {
            if (value.Length == 0)
                return null;
            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return date;
            Error(line, $"{name}: expected a date yyyy-MM-dd, found `{value}`");
            return null;
        }

        /// <summary>Splits at the last separator; a value that starts with the separator's
        /// words has an empty first part (<c>target: 5</c> is a target without a metric).</summary>
        private static (string Before, string After) SplitAtLast(string value, string separator)
        {
            var padded = " " + value;
            var split = padded.LastIndexOf(separator, StringComparison.Ordinal);
            return split < 0 ? (value, "") : (padded[..split].Trim(), padded[(split + separator.Length)..].Trim());
        }

        private static string Unless(string value, string placeholder) => value == placeholder ? "" : value;

        /// <summary>The cells of a table row, split at pipes that are not escaped as <c>\|</c>.</summary>
        private static List<string> Cells(ReadOnlySpan<char> row)
        {
            row = row.Trim();
            if (row.StartsWith('|'))
                row = row[1..];
            if (row.EndsWith('|') && !row.EndsWith(@"\|"))
                row = row[..^1];
            var cells = new List<string>();
            var cell = new StringBuilder(row.Length);
            for (var i = 0; i < row.Length; i++)
            {
                if (row[i] == '\\' && i + 1 < row.Length && row[i + 1] == '|')
                {
                    cell.Append('|');
                    i++;
                }
                else if (row[i] == '|')
                {
                    cells.Add(cell.ToString().Trim());
                    cell.Clear();
                }
                else
                    cell.Append(row[i]);
            }
            cells.Add(cell.ToString().Trim());
            return cells;
        }

        private string HeadingText(HeadingBlock heading)
        {
            // The usual `## Name`, with no closing hashes or trailing blanks to strip, needs no regex.
            var level = heading.Level;
            var plain = Line(heading.Line);
            if (!heading.IsSetext && plain.Length > level + 1 && !plain[..level].ContainsAnyExcept('#') && plain[level] == ' '
                && plain[^1] is not (' ' or '\t' or '#'))
                return plain[(level + 1)..].Trim().ToString();

            return heading.IsSetext ? plain.Trim().ToString() : AtxHeadingText(plain, level);
        }

        private string Text(int line) => line < _lineStarts.Length ? Line(line).ToString() : "";

        private ReadOnlySpan<char> Line(int line) => source.AsSpan(_lineStarts[line], LineEnd(line) - _lineStarts[line]);

        /// <summary>Lines <paramref name="first"/> to <paramref name="end"/> (excluded) joined by newlines.</summary>
        private string Lines(int first, int end) => first < end ? source[_lineStarts[first]..LineEnd(end - 1)] : "";

        private int LineEnd(int line) => line + 1 < _lineStarts.Length ? _lineStarts[line + 1] - 1 : source.Length;

        private int LastLine(Block block) => LineOf(block.Span.End);

        private int LineOf(int offset)
        {
            var index = Array.BinarySearch(_lineStarts, offset);
            return index >= 0 ? index : ~index - 1;
        }

        private static int[] LineStarts(string text)
        {
            var starts = new int[text.AsSpan().Count('\n') + 1];
            var line = 1;
            for (var i = text.IndexOf('\n', StringComparison.Ordinal); i >= 0; i = text.IndexOf('\n', i + 1))
                starts[line++] = i + 1;
            return starts;
        }

        private void Error(int zeroBasedLine, string message) => _errors.Add(new ImportError(zeroBasedLine + 1, message));
    }
}
