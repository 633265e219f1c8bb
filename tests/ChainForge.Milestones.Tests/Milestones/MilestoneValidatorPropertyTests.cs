using System.Text.Json;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using CsCheck;

namespace ChainForge.Milestones.Tests.Milestones;

/// <summary>The validator's promise over many values: what it accepts, the markdown form gives back unchanged.</summary>
public sealed class MilestoneValidatorPropertyTests
{
    private static readonly MilestoneValidator Validator = new();

    // Pieces that mean something to markdown or to the template's line formats.
    private static readonly string[] Pieces =
    [
        "a", "Z", "1", " ", "  ", "-", " - ", "- ", "*", "**", "#", "# ", "## ", "###", "|", "\\", "`", "```", "~~~", ":", " target: ",
        "target: ", ", ", ",", "[", "]", "[x]", "[ ]", "[X]", "<", ">", "<!--", "-->", "<pre>", "_", "!", "\n", "\r\n", "\n\n", "---", "===",
        "&amp;", "\\#", "[a]: /u", "<div>", "1) ", "> ", "Component 1", "[TASK_1]", "[REQUIREMENT_2]", "[STATUS]", "[METRIC_1]", "[TARGET_VALUE]", "Problem Statement", "1.", "+", "    ", "\t",
    ];

    private static readonly Gen<string> Tricky = Gen.OneOfConst(Pieces).Array[0, 6].Select(p => string.Concat(p));

    // Mostly plain values, so that each tricky one is tried on its own too.
    private static readonly Gen<string> Text = Gen.Frequency((3, Gen.Const("plain words")), (1, Tricky));

    private static readonly Gen<Milestone> GeneratedMilestone =
        Gen.Select(Text.Array[17], Text.Array[0, 3], Gen.Bool.Array[4])
            .Select(x => Build(x.Item1, x.Item2, x.Item3));

    private static Milestone Build(string[] t, string[] entries, bool[] flags)
    {
        var m = new Milestone { Id = "M-001", Title = t[0], AssignedTo = t[1], Dependencies = [.. entries] };
        m.ProblemStatement = t[2];
        m.Requirements.Functional = [ChecklistItem.Of(t[3], flags[0])];
        m.Design.Components = [new Component { Name = t[4], Description = t[5] }];
        m.Design.DataModels = new CodeSample { Language = t[6], Code = t[7] };
        m.ImplementationPlan.Phases[0].Name = t[8].Length > 0 ? t[8] : "Foundation";
        m.Risks.TechnicalRisks = [new Risk { Description = t[9], Mitigation = t[10], Probability = RiskLevel.High, Impact = RiskLevel.Low }];
        m.Metrics.BusinessMetrics.Add(new SuccessMetric { Key = t[11], Metric = t[12], Target = t[10] });
        m.DependencyTracking.Internal = [new DependencyItem { Name = t[5], Status = t[9], Satisfied = flags[1] }];
        m.ExtraSections = [new ExtraSection { Heading = t[16], Body = t[2] }];
        m.Notes = flags[2] ? t[7] : "";
        m.Checkpoints.Deployment.Reached = flags[3];
        m.Requirements.NonFunctional.Security = t[13];
        m.Review.BusinessReview.Comments = t[14];
        m.ImplementationPlan.Phases[1].Tasks = [ChecklistItem.Of(t[15]), ChecklistItem.Of(t[16], done: true)];
        m.Metrics.TechnicalMetrics[1].Target = t[16];
        m.Design.Architecture = t[13] + t[14];
        return m;
    }

    [Fact]
    public void Every_milestone_the_validator_accepts_comes_back_from_its_markdown_unchanged()
    {
        var accepted = 0;
        GeneratedMilestone.Sample(milestone =>
        {
            MilestoneNormalizer.Normalize(milestone);
            if (!Validator.Validate(milestone).IsValid)
                return true;
            accepted++;
            var result = MarkdownImporter.Import(MarkdownExporter.Export(milestone));
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
            result.Milestone!.Version = milestone.Version;
            Assert.Equal(JsonSerializer.Serialize(milestone), JsonSerializer.Serialize(result.Milestone));
            return true;
        }, iter: 4000, print: m => MarkdownExporter.Export(m));

        // The property says nothing if the validator refuses everything.
        Assert.True(accepted > 50, $"only {accepted} milestones were accepted");
    }
}
