using System.Text.Json;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;

namespace ChainForge.Milestones.Tests.Milestones;

/// <summary>The rules a milestone meets before it is saved, one behaviour per test.</summary>
public sealed class MilestoneValidatorTests
{
    private static readonly MilestoneValidator Validator = new();

    private static Milestone Valid() => new() { Id = "M-001", Title = "Block propagation" };

    /// <summary>The messages of each field, by the path the form names it with.</summary>
    private static Dictionary<string, List<string>> Errors(Milestone milestone)
    {
        MilestoneNormalizer.Normalize(milestone);
        return Validator.Validate(milestone).Errors
            .GroupBy(e => e.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToList());
    }

    private static void AssertRefused(Milestone milestone, string field)
    {
        var errors = Errors(milestone);
        Assert.True(errors.ContainsKey(field), $"expected an error on {field}, got: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" / ", e.Value)}"))}");
    }

    private static void AssertAccepted(Milestone milestone)
    {
        var errors = Errors(milestone);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" / ", e.Value)}")));
    }

    [Fact]
    public void A_blank_milestone_with_an_id_is_accepted() => AssertAccepted(new Milestone { Id = "M-001" });

    [Fact]
    public void A_milestone_needs_an_id() => AssertRefused(new Milestone(), "Id");

    [Theory]
    [InlineData("M 001")]
    [InlineData("M/001")]
    [InlineData("M-001?")]
    public void An_id_holds_only_letters_digits_dots_underscores_and_dashes(string id) => AssertRefused(new Milestone { Id = id }, "Id");

    [Fact]
    public void An_id_longer_than_the_limit_is_refused() => AssertRefused(new Milestone { Id = new string('M', MilestoneLimits.Id + 1) }, "Id");

    [Fact]
    public void A_title_on_two_lines_is_refused() => AssertRefused(new Milestone { Id = "M-001", Title = "Block\npropagation" }, "Title");

    [Fact]
    public void A_title_equal_to_its_placeholder_is_refused() => AssertRefused(new Milestone { Id = "M-001", Title = Template.TitlePlaceholder }, "Title");

    [Fact]
    public void A_placeholder_message_quotes_the_value_typed()
    {
        var errors = Errors(new Milestone { Id = "M-001", Title = Template.TitlePlaceholder });

        Assert.StartsWith($"“{Template.TitlePlaceholder}”", errors["Title"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_title_longer_than_a_line_may_be_is_refused() => AssertRefused(new Milestone { Id = "M-001", Title = new string('x', MilestoneLimits.Line + 1) }, "Title");

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void The_phase_is_positive(int phase) => AssertRefused(new Milestone { Id = "M-001", Phase = phase }, "Phase");

    [Fact]
    public void Negative_story_points_are_refused() => AssertRefused(new Milestone { Id = "M-001", StoryPoints = -1 }, "StoryPoints");

    [Fact]
    public void Negative_weeks_are_refused() => AssertRefused(new Milestone { Id = "M-001", Weeks = -0.5m }, "Weeks");

    [Fact]
    public void Weeks_with_three_decimals_are_refused() => AssertRefused(new Milestone { Id = "M-001", Weeks = 1.125m }, "Weeks");

    [Fact]
    public void Weeks_with_two_decimals_are_accepted() => AssertAccepted(new Milestone { Id = "M-001", Weeks = 1.25m });

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Progress_is_from_0_to_100(int progress) => AssertRefused(new Milestone { Id = "M-001", Progress = progress }, "Progress");

    [Fact]
    public void A_dependency_entry_holding_comma_space_is_refused() =>
        AssertRefused(new Milestone { Id = "M-001", Dependencies = ["M-003, M-004"] }, "Dependencies[0]");

    [Fact]
    public void An_empty_dependency_entry_is_refused() =>
        AssertRefused(new Milestone { Id = "M-001", Dependencies = ["M-003", " "] }, "Dependencies[1]");

    [Fact]
    public void A_requirement_equal_to_a_placeholder_is_refused()
    {
        var milestone = Valid();
        milestone.Requirements.Functional.Add(ChecklistItem.Of("[REQUIREMENT_1]"));

        AssertRefused(milestone, "Requirements.Functional[0].Text");
    }

    [Fact]
    public void A_checklist_item_without_text_is_refused()
    {
        var milestone = Valid();
        milestone.AcceptanceCriteria.ShouldHave.Add(ChecklistItem.Of("   "));

        AssertRefused(milestone, "AcceptanceCriteria.ShouldHave[0].Text");
    }

    [Fact]
    public void A_task_equal_to_a_task_placeholder_is_refused()
    {
        var milestone = Valid();
        milestone.ImplementationPlan.Phases[1].Tasks.Add(ChecklistItem.Of("[TASK_4]"));

        AssertRefused(milestone, "ImplementationPlan.Phases[1].Tasks[0].Text");
    }

    [Fact]
    public void A_non_functional_requirement_equal_to_its_placeholder_is_refused()
    {
        var milestone = Valid();
        milestone.Requirements.NonFunctional.Security = "[SECURITY_REQUIREMENTS]";

        AssertRefused(milestone, "Requirements.NonFunctional.Security");
    }

    [Fact]
    public void A_milestone_keeps_at_least_one_phase()
    {
        var milestone = Valid();
        milestone.ImplementationPlan.Phases.Clear();

        AssertRefused(milestone, "ImplementationPlan.Phases");
    }

    [Fact]
    public void A_phase_needs_a_name()
    {
        var milestone = Valid();
        milestone.ImplementationPlan.Phases[0].Name = " ";

        AssertRefused(milestone, "ImplementationPlan.Phases[0].Name");
    }

    [Fact]
    public void A_phase_name_ending_with_a_hash_is_refused()
    {
        var milestone = Valid();
        milestone.ImplementationPlan.Phases[0].Name = "Rollout #";

        AssertRefused(milestone, "ImplementationPlan.Phases[0].Name");
    }

    [Fact]
    public void A_component_name_holding_double_stars_is_refused()
    {
        var milestone = Valid();
        milestone.Design.Components.Add(new Component { Name = "Relay**Node", Description = "forwards blocks" });

        AssertRefused(milestone, "Design.Components[0].Name");
    }

    [Fact]
    public void A_component_named_like_the_placeholder_is_refused()
    {
        var milestone = Valid();
        milestone.Design.Components.Add(new Component { Name = "Component 2", Description = "forwards blocks" });

        AssertRefused(milestone, "Design.Components[0].Name");
    }

    [Fact]
    public void A_component_needs_a_name_or_a_description()
    {
        var milestone = Valid();
        milestone.Design.Components.Add(new Component());

        AssertRefused(milestone, "Design.Components[0].Name");
    }

    [Theory]
    [InlineData("c sharp")]
    [InlineData("c`s")]
    [InlineData("\\-")]
    [InlineData("a&amp;b")]
    public void A_language_is_one_plain_word(string language)
    {
        var milestone = Valid();
        milestone.Design.DataModels = new CodeSample { Language = language, Code = "record Block;" };

        AssertRefused(milestone, "Design.DataModels.Language");
    }

    [Theory]
    [InlineData("c++")]
    [InlineData("c#")]
    [InlineData("objective-c")]
    [InlineData("")]
    public void Common_languages_are_accepted(string language)
    {
        var milestone = Valid();
        milestone.Design.Interfaces = new CodeSample { Language = language, Code = "interface IRelay;" };

        AssertAccepted(milestone);
    }

    [Fact]
    public void Code_equal_to_the_template_example_is_refused()
    {
        var milestone = Valid();
        milestone.Design.DataModels = new CodeSample { Language = "rust", Code = Template.DataModelsExample };

        AssertRefused(milestone, "Design.DataModels.Code");
    }

    [Fact]
    public void A_risk_needs_a_description()
    {
        var milestone = Valid();
        milestone.Risks.BusinessRisks.Add(new Risk { Probability = RiskLevel.Low, Impact = RiskLevel.High, Mitigation = "hedge" });

        AssertRefused(milestone, "Risks.BusinessRisks[0].Description");
    }

    [Fact]
    public void A_metric_target_holding_target_colon_is_refused()
    {
        var milestone = Valid();
        milestone.Metrics.TechnicalMetrics[0].Metric = "p99 latency";
        milestone.Metrics.TechnicalMetrics[0].Target = "under 2s target: 1s";

        AssertRefused(milestone, "Metrics.TechnicalMetrics[0].Target");
    }

    [Fact]
    public void A_metric_target_starting_with_target_colon_is_refused()
    {
        var milestone = Valid();
        milestone.Metrics.TechnicalMetrics[0].Metric = "p99 latency";
        milestone.Metrics.TechnicalMetrics[0].Target = "target: 1s";

        AssertRefused(milestone, "Metrics.TechnicalMetrics[0].Target");
    }

    [Fact]
    public void A_metric_key_holding_double_stars_is_refused()
    {
        var milestone = Valid();
        milestone.Metrics.BusinessMetrics.Add(new SuccessMetric { Key = "Up**time", Metric = "minutes down" });

        AssertRefused(milestone, "Metrics.BusinessMetrics[2].Key");
    }

    [Fact]
    public void An_extra_metric_needs_a_metric()
    {
        var milestone = Valid();
        milestone.Metrics.BusinessMetrics.Add(new SuccessMetric { Key = "Retention", Target = "40%" });

        AssertRefused(milestone, "Metrics.BusinessMetrics[2].Metric");
    }

    [Fact]
    public void An_extra_metric_cannot_repeat_a_fixed_key()
    {
        var milestone = Valid();
        milestone.Metrics.TechnicalMetrics.Add(new SuccessMetric { Key = "Performance", Metric = "blocks per second" });

        AssertRefused(milestone, "Metrics.TechnicalMetrics[3].Key");
    }

    [Fact]
    public void The_fixed_metrics_cannot_be_removed()
    {
        var milestone = Valid();
        milestone.Metrics.TechnicalMetrics.RemoveAt(1);

        AssertRefused(milestone, "Metrics.TechnicalMetrics");
    }

    [Fact]
    public void A_dependency_status_holding_space_dash_space_is_refused()
    {
        var milestone = Valid();
        milestone.DependencyTracking.Internal.Add(new DependencyItem { Name = "M-003", Status = "done - mostly" });

        AssertRefused(milestone, "DependencyTracking.Internal[0].Status");
    }

    [Fact]
    public void A_dependency_needs_a_name()
    {
        var milestone = Valid();
        milestone.DependencyTracking.External.Add(new DependencyItem { Status = "waiting" });

        AssertRefused(milestone, "DependencyTracking.External[0].Name");
    }

    [Fact]
    public void A_review_comment_equal_to_its_placeholder_is_refused()
    {
        var milestone = Valid();
        milestone.Review.BusinessReview.Comments = Template.ReviewCommentsPlaceholder;

        AssertRefused(milestone, "Review.BusinessReview.Comments");
    }

    [Theory]
    [InlineData("# Background")]
    [InlineData("## Background")]
    [InlineData("### Background")]
    [InlineData("Background\n---")]
    [InlineData("Background\n===")]
    public void A_body_holding_a_heading_of_level_1_to_3_is_refused(string body) =>
        AssertRefused(new Milestone { Id = "M-001", ProblemStatement = "Blocks arrive late.\n\n" + body }, "ProblemStatement");

    [Theory]
    [InlineData("```\nunclosed code")]
    [InlineData("<!-- an open comment")]
    [InlineData("<pre>\nopen")]
    public void A_body_left_open_is_refused(string body) =>
        AssertRefused(new Milestone { Id = "M-001", Notes = "Decided on Tuesday.\n\n" + body }, "Notes");

    [Fact]
    public void A_body_may_hold_level_4_headings() =>
        AssertAccepted(new Milestone { Id = "M-001", SolutionOverview = "#### Gossip\n\nFan out to eight peers." });

    [Fact]
    public void A_body_equal_to_its_placeholder_is_refused() =>
        AssertRefused(new Milestone { Id = "M-001", Notes = Template.NotesPlaceholder }, "Notes");

    [Fact]
    public void An_extra_section_named_like_a_template_section_is_refused()
    {
        var milestone = Valid();
        milestone.ExtraSections.Add(new ExtraSection { Heading = "problem statement", Body = "x" });

        AssertRefused(milestone, "ExtraSections[0].Heading");
    }

    [Fact]
    public void An_extra_section_needs_a_heading()
    {
        var milestone = Valid();
        milestone.ExtraSections.Add(new ExtraSection { Body = "x" });

        AssertRefused(milestone, "ExtraSections[0].Heading");
    }

    [Fact]
    public void An_extra_section_body_may_hold_level_3_headings()
    {
        var milestone = Valid();
        milestone.ExtraSections.Add(new ExtraSection { Heading = "Rollout", Body = "### Week 1\n\nCanary." });

        AssertAccepted(milestone);
    }

    [Fact]
    public void An_extra_section_body_holding_a_level_2_heading_is_refused()
    {
        var milestone = Valid();
        milestone.ExtraSections.Add(new ExtraSection { Heading = "Rollout", Body = "## Week 1\n\nCanary." });

        AssertRefused(milestone, "ExtraSections[0].Body");
    }

    [Fact]
    public void A_list_longer_than_the_limit_is_refused()
    {
        var milestone = Valid();
        milestone.Testing.UnitTests.AddRange(Enumerable.Range(0, MilestoneLimits.ListItems + 1).Select(n => ChecklistItem.Of($"test {n}")));

        AssertRefused(milestone, "Testing.UnitTests");
    }

    [Fact]
    public void Normalizing_trims_one_line_values()
    {
        var milestone = new Milestone { Id = " M-001 ", Title = "  Block propagation\t" };

        MilestoneNormalizer.Normalize(milestone);

        Assert.Equal(("M-001", "Block propagation"), (milestone.Id, milestone.Title));
    }

    [Fact]
    public void Normalizing_gives_an_empty_code_sample_the_default_language()
    {
        var milestone = Valid();
        milestone.Design.Interfaces = new CodeSample { Language = "rust", Code = "" };

        MilestoneNormalizer.Normalize(milestone);

        Assert.Equal(CodeSample.DefaultLanguage, milestone.Design.Interfaces.Language);
    }

    [Fact]
    public void Normalizing_turns_crlf_into_lf_and_drops_blank_lines_around_a_body()
    {
        var milestone = new Milestone { Id = "M-001", ProblemStatement = "\r\n  \r\nLine one\r\nLine two  \r\n\r\n" };

        MilestoneNormalizer.Normalize(milestone);

        Assert.Equal("Line one\nLine two  ", milestone.ProblemStatement);
    }

    [Theory]
    [MemberData(nameof(TrickyMilestones))]
    public void A_milestone_the_validator_accepts_survives_export_and_import(string name, Milestone milestone)
    {
        AssertAccepted(milestone);

        var result = MarkdownImporter.Import(MarkdownExporter.Export(milestone));

        Assert.True(result.Succeeded, name + ": " + string.Join("; ", result.Errors));
        result.Milestone!.Version = milestone.Version;
        Assert.Equal(JsonSerializer.Serialize(milestone), JsonSerializer.Serialize(result.Milestone));
    }

    public static TheoryData<string, Milestone> TrickyMilestones()
    {
        var full = Valid();
        full.Title = "**Bold** title: with a colon \\ and a backslash";
        full.Phase = 3;
        full.Priority = Priority.Low;
        full.StoryPoints = 0;
        full.Weeks = 1.50m;
        full.Dependencies = ["M-003", "the relay,once ready", "a,", "[LIST]"];
        full.AssignedTo = "Dana `dw` Whitfield";
        full.ProblemStatement = "  Indented start.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n#### Not a section\n\n```\n## inside a fence\n```\n\nline with trailing spaces  ";
        full.SolutionOverview = "<div>inline html</div>\n\n- a list\n  - nested";
        full.Requirements.Functional = [ChecklistItem.Of("[x] looks like a box", true), ChecklistItem.Of("pipe | and **bold**")];
        full.Requirements.NonFunctional.Performance = "p99 < 2s";
        full.Design.Architecture = "> a quote\n> # with a heading inside";
        full.Design.Components = [new Component { Name = "Relay: node*", Description = "" }, new Component { Name = "", Description = "unnamed one" }];
        full.Design.DataModels = new CodeSample { Language = "", Code = "```\nfenced inside\n```\n" };
        full.Design.Interfaces = new CodeSample { Language = "c++", Code = "    indented\n\n\nblank lines" };
        full.ImplementationPlan.Phases = [new ImplementationPhase { Name = "Only #1 phase", Tasks = [ChecklistItem.Of("1. numbered text", true)] }];
        full.AcceptanceCriteria.CouldHave = [ChecklistItem.Of("[CRITERION]")];
        full.Testing.SecurityTests = [ChecklistItem.Of("fuzz `|` cells")];
        full.Risks.TechnicalRisks = [new Risk { Description = "a | b \\ c\\", Probability = RiskLevel.Medium, Impact = RiskLevel.High, Mitigation = "" }];
        full.Risks.BusinessRisks = [new Risk { Description = "--- dashes", Probability = RiskLevel.Low, Impact = RiskLevel.Low, Mitigation = "x | y" }];
        full.Metrics.TechnicalMetrics[0].Metric = "latency target: p99";
        full.Metrics.TechnicalMetrics[0].Target = "2s";
        full.Metrics.TechnicalMetrics[2].Target = "90% coverage";
        full.Metrics.BusinessMetrics.Add(new SuccessMetric { Key = "Retention: 30 days", Metric = "returning users target:", Target = "" });
        full.DependencyTracking.Internal = [new DependencyItem { Name = "M-003 - relay", Status = "done", Satisfied = true }, new DependencyItem { Name = "a -", Status = "" }];
        full.DependencyTracking.External = [new DependencyItem { Name = "libp2p", Status = "v0.5 -> v0.6" }];
        full.Documentation.User = [ChecklistItem.Of("[USER_GUIDE]")];
        full.Review.TechnicalReview = new Review { Reviewer = "Ana", Date = new DateOnly(2026, 2, 28), Status = ReviewStatus.Rejected, Comments = "- not a list" };
        full.Status = MilestoneStatus.Review;
        full.Progress = 0;
        full.LastUpdated = new DateOnly(2026, 11, 20);
        full.Checkpoints.Deployment = new Checkpoint { Reached = true };
        full.Checkpoints.StartDate = new Checkpoint { Date = new DateOnly(2026, 1, 1) };
        full.Notes = "Ends with a rule\n\n---";
        full.ExtraSections = [new ExtraSection { Heading = "Rollout #2 plan", Body = "### Week 1\n\nCanary." }, new ExtraSection { Heading = "Empty one", Body = "" }];

        var crlf = Valid();
        crlf.Notes = "\r\nFirst\r\n\r\nSecond\r\n";
        crlf.Design.Interfaces = new CodeSample { Language = " go ", Code = "func a() {}\r\n" };

        return new()
        {
            { "blank", new Milestone { Id = "M-001" } },
            { "every field tricky", full },
            { "typed with CRLF", crlf },
        };
    }
}
