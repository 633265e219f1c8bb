using System.Globalization;
using System.Text.RegularExpressions;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using CsCheck;

namespace ChainForge.Milestones.Tests.Markdown;

/// <summary>
/// CsCheck generators of milestones that the app can store: every value obeys the rules the
/// spec gives (one-line values trimmed, no placeholders, no <c>, </c> in a dependency entry...),
/// and the text is made of the pieces most likely to trip a markdown reader up.
/// </summary>
public static partial class MilestoneGen
{
    private static readonly string[] Pieces =
    [
        "alpha", "beta", "gamma", "Block", "relay", "42", "1.5", "é", "ß", "Жук", "中文", "😀", "👩‍💻", "שלום",
        "|", "\\|", "\\", "*", "**", "_", "`", "``", "```", "[x]", "[ ]", "[", "]", "(", ")", "#", "-", "- ", " - ",
        ":", "target:", " target: ", ",", ", ", "<b>", "<script>", "&amp;", "'", "\"", "!", "[link](http://x.y)", "%", "~",
    ];

    private static readonly Gen<string> Piece = Gen.OneOfConst(Pieces);
    private static readonly Gen<string> Word = Gen.OneOfConst("alpha", "beta", "Block", "relay", "Zoë", "中文", "node", "peer");

    /// <summary>A trimmed one-line value that is not a template placeholder.</summary>
    public static readonly Gen<string> Line =
        Gen.Select(Gen.Frequency((2, Word), (1, Piece)), Piece.Array[0, 6], Gen.Bool.Array[6], (first, rest, spaces) =>
                first + string.Concat(rest.Select((p, i) => (spaces[i] ? " " : "") + p)))
            .Select(s => s.Trim())
            .Where(s => s.Length > 0 && !LooksLikePlaceholder(s));

    public static readonly Gen<string> OptionalLine = Gen.Frequency((1, Gen.Const("")), (3, Line));

    private static readonly Gen<string> Key = Line.Where(s => !s.Contains("**", StringComparison.Ordinal));

    private static readonly Gen<string> Heading = Line.Where(s => !s.EndsWith('#'));

    private static readonly Gen<DateOnly?> Date =
        Gen.Frequency((1, Gen.Const((DateOnly?)null)), (2, Gen.Int[0, 3000].Select(d => (DateOnly?)new DateOnly(2024, 1, 1).AddDays(d))));

    private static Gen<T?> Maybe<T>(Gen<T> gen) where T : struct =>
        Gen.Frequency((1, Gen.Const((T?)null)), (3, gen.Select(v => (T?)v)));

    private static readonly Gen<ChecklistItem> ChecklistItem =
        Gen.Select(Line, Gen.Bool, (text, done) => new ChecklistItem { Text = text, Done = done });

    private static readonly Gen<List<ChecklistItem>> Checklist = ChecklistItem.List[0, 5];

    /// <summary>A markdown body: paragraphs, lists, quotes, fences and small headings, with no
    /// heading of level 1 to 3 and nothing that runs on into the next section.</summary>
    public static Gen<string> Body(bool allowLevel3 = false)
    {
        var paragraph = Gen.Select(Word, Line, Line.Array[0, 2], (w, first, more) =>
            string.Join('\n', [$"{w} {first}", .. more.Select(l => $"{w} {l}")]));
        var bullets = Line.Array[1, 3].Select(items => string.Join('\n', items.Select(i => $"- {i}")));
        var ordered = Line.Array[1, 3].Select(items => string.Join('\n', items.Select((t, n) => $"{n + 1}. {t}")));
        var quote = Line.Select(l => $"> {l}");
        var code = Gen.Select(Gen.OneOfConst("", "cpp", "sh"), Line.Array[0, 3], (lang, lines) =>
        {
            var text = string.Join('\n', lines);
            var fence = MarkdownExporter.Fence(text);
            return $"{fence}{lang}\n{(lines.Length > 0 ? text + "\n" : "")}{fence}";
        });
        var small = Heading.Select(h => $"#### {h}");
        var level3 = Heading.Select(h => $"### {h}");
        var block = allowLevel3
            ? Gen.OneOf(paragraph, bullets, ordered, quote, code, small, level3, Gen.Const("***"))
            : Gen.OneOf(paragraph, bullets, ordered, quote, code, small, Gen.Const("***"));
        return Gen.Frequency((1, Gen.Const("")), (4, block.Array[1, 4].Select(b => string.Join("\n\n", b))));
    }

    private static readonly Gen<CodeSample> CodeSample =
        Gen.Select(Gen.OneOfConst("cpp", "rust", "", "c#", "go"), Gen.OneOf(Line, Gen.Const(""), Gen.Const("  indented")).Array[0, 5], (language, lines) =>
            string.Join('\n', lines) is { Length: > 0 } code
                ? new CodeSample { Language = language, Code = code }
                : new CodeSample());

    private static readonly Gen<Component> Component =
        Gen.Select(Gen.Frequency((1, Gen.Const("")), (4, Key)), OptionalLine, (name, description) => new Component { Name = name, Description = description })
            .Where(c => c.Name.Length > 0 || c.Description.Length > 0);

    private static readonly Gen<Risk> Risk =
        Gen.Select(Line, Gen.Enum<RiskLevel>(), Gen.Enum<RiskLevel>(), OptionalLine, (description, probability, impact, mitigation) =>
            new Risk { Description = description, Probability = probability, Impact = impact, Mitigation = mitigation });

    private static readonly Gen<string> Target = OptionalLine.Where(t => !(" " + t).Contains(" target: ", StringComparison.Ordinal));

    private static Gen<List<SuccessMetric>> Metrics(IReadOnlyList<string> fixedKeys)
    {
        var fixedMetrics = Gen.Select(OptionalLine, Target).Array[fixedKeys.Count].Select(values =>
            values.Select((v, i) => new SuccessMetric { Key = fixedKeys[i], Metric = v.Item1, Target = v.Item2 }).ToList());
        var extra = Gen.Select(Key.Where(k => !fixedKeys.Contains(k)), Line, Target, (key, metric, target) =>
            new SuccessMetric { Key = key, Metric = metric, Target = target });
        return Gen.Select(fixedMetrics, extra.List[0, 3], (f, e) =>
            f.Concat(e.DistinctBy(m => m.Key)).ToList());
    }

    private static readonly Gen<DependencyItem> DependencyItem =
        Gen.Select(Line, OptionalLine.Where(s => !(" " + s).Contains(" - ", StringComparison.Ordinal)), Gen.Bool, (name, status, satisfied) =>
            new DependencyItem { Name = name, Status = status, Satisfied = satisfied });

    private static readonly Gen<Review> Review =
        Gen.Select(OptionalLine, Date, Maybe(Gen.Enum<ReviewStatus>()), OptionalLine, (reviewer, date, status, comments) =>
            new Review { Reviewer = reviewer, Date = date, Status = status, Comments = comments });

    private static readonly Gen<Checkpoint> Checkpoint =
        Gen.Select(Date, Gen.Bool, (date, reached) => new Checkpoint { Date = date, Reached = reached });

    private static readonly Gen<ImplementationPhase> Phase =
        Gen.Select(Heading, Checklist, (name, tasks) => new ImplementationPhase { Name = name, Tasks = tasks });

    private static readonly Gen<ExtraSection> ExtraSection =
        Gen.Select(Heading.Where(h => !Template.Sections.Any(s => s.Section == h)), Body(allowLevel3: true),
            (heading, body) => new ExtraSection { Heading = heading, Body = body });

    private static readonly Gen<string> Id = Gen.String[Gen.Char["ABCMxyz019._-"], 1, 12];

    private static readonly Gen<decimal> Weeks = Gen.Int[0, 2000].Select(n => decimal.Parse((n / 10m).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    public static readonly Gen<Milestone> Milestone =
        from information in Gen.Select(Id, OptionalLine, Maybe(Gen.Int[1, 99]), Maybe(Gen.Enum<Priority>()), Maybe(Gen.Int[0, 500]), Maybe(Weeks),
            Line.Where(e => !e.Contains(", ", StringComparison.Ordinal)).List[0, 3], OptionalLine)
        from bodies in Gen.Select(Body(), Body(), Body(), Body())
        from requirements in Gen.Select(Checklist, OptionalLine.Array[4])
        from design in Gen.Select(Component.List[0, 4], CodeSample, CodeSample)
        from phases in Phase.List[1, 5]
        from criteria in Checklist.Array[3]
        from tests in Checklist.Array[4]
        from risks in Risk.List[0, 3].Array[2]
        from metrics in Gen.Select(Metrics(SuccessMetrics.TechnicalKeys), Metrics(SuccessMetrics.BusinessKeys))
        from dependencies in DependencyItem.List[0, 3].Array[2]
        from documentation in Checklist.Array[2]
        from reviews in Gen.Select(Review, Review)
        from progress in Gen.Select(Maybe(Gen.Enum<MilestoneStatus>()), Maybe(Gen.Int[0, 100]), Date, Checkpoint.Array[5])
        from extra in ExtraSection.List[0, 2]
        select new Milestone
        {
            Id = information.Item1,
            Title = information.Item2,
            Phase = information.Item3,
            Priority = information.Item4,
            StoryPoints = information.Item5,
            Weeks = information.Item6,
            Dependencies = information.Item7,
            AssignedTo = information.Item8,
            ProblemStatement = bodies.Item1,
            SolutionOverview = bodies.Item2,
            Requirements = new DetailedRequirements
            {
                Functional = requirements.Item1,
                NonFunctional = new NonFunctionalRequirements
                {
                    Performance = requirements.Item2[0],
                    Security = requirements.Item2[1],
                    Scalability = requirements.Item2[2],
                    Reliability = requirements.Item2[3],
                },
            },
            Design = new TechnicalDesign { Architecture = bodies.Item3, Components = design.Item1, DataModels = design.Item2, Interfaces = design.Item3 },
            ImplementationPlan = new ImplementationPlan { Phases = phases },
            AcceptanceCriteria = new AcceptanceCriteria { MustHave = criteria[0], ShouldHave = criteria[1], CouldHave = criteria[2] },
            Testing = new TestingStrategy { UnitTests = tests[0], IntegrationTests = tests[1], PerformanceTests = tests[2], SecurityTests = tests[3] },
            Risks = new RiskAssessment { TechnicalRisks = risks[0], BusinessRisks = risks[1] },
            Metrics = new SuccessMetrics { TechnicalMetrics = metrics.Item1, BusinessMetrics = metrics.Item2 },
            DependencyTracking = new DependencyTracking { Internal = dependencies[0], External = dependencies[1] },
            Documentation = new DocumentationRequirements { Technical = documentation[0], User = documentation[1] },
            Review = new ReviewAndApproval { TechnicalReview = reviews.Item1, BusinessReview = reviews.Item2 },
            Status = progress.Item1,
            Progress = progress.Item2,
            LastUpdated = progress.Item3,
            Checkpoints = new Checkpoints
            {
                StartDate = progress.Item4[0],
                DevelopmentComplete = progress.Item4[1],
                TestingComplete = progress.Item4[2],
                ReviewComplete = progress.Item4[3],
                Deployment = progress.Item4[4],
            },
            Notes = bodies.Item4,
            ExtraSections = extra,
        };

    private static bool LooksLikePlaceholder(string text) => PlaceholderLike().IsMatch(text);

    [GeneratedRegex(@"^(\[[A-Z0-9_/]+\]|Component \d+)$")]
    private static partial Regex PlaceholderLike();
}
