using System.Net;
using System.Text.RegularExpressions;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;

namespace ChainForge.Milestones.Pages.Milestones.Editors;

/// <summary>The editor's sections, each at an anchor of the form, in the template's order.</summary>
public static partial class EditorSections
{
    public const string OtherSections = "Other sections";

    public static readonly IReadOnlyList<(string Anchor, string Title)> All =
    [
        ("information", Template.Information),
        ("problem-statement", Template.ProblemStatement),
        ("solution-overview", Template.SolutionOverview),
        ("requirements", Template.DetailedRequirements),
        ("design", Template.TechnicalDesign),
        ("implementation-plan", Template.ImplementationPlan),
        ("acceptance-criteria", Template.AcceptanceCriteria),
        ("testing", Template.TestingStrategy),
        ("risks", Template.RiskAssessment),
        ("metrics", Template.SuccessMetrics),
        ("dependencies", Template.Dependencies),
        ("documentation", Template.DocumentationRequirements),
        ("review", Template.ReviewAndApproval),
        ("progress", Template.ProgressTracking),
        ("notes", Template.NotesAndComments),
        ("other-sections", OtherSections),
    ];

    /// <summary>The anchor of the section a heading of the file opens; a heading of the person's own is one of the other sections.</summary>
    public static string AnchorOf(string heading) =>
        All.FirstOrDefault(s => s.Title == heading).Anchor ?? "other-sections";

    /// <summary>
    /// The milestone page's HTML for an author: beside each "not filled in" (<see cref="MilestoneHtml.ForPage"/>
    /// names its section), an <em>Add</em> link to that section of the editor.
    /// </summary>
    public static string WithAddLinks(string html, string id) =>
        NotFilledIn().Replace(html, match =>
        {
            var section = WebUtility.HtmlDecode(match.Groups["section"].Value);
            return $"{match.Value} <a class=\"add-link\" href=\"/milestones/{Uri.EscapeDataString(id)}/edit#{AnchorOf(section)}\">Add<span class=\"visually-hidden\"> to {WebUtility.HtmlEncode(section)}</span></a>";
        });

    [GeneratedRegex("""<em class="not-filled" data-section="(?<section>[^"]*)">[^<]*</em>""")]
    private static partial Regex NotFilledIn();
}
