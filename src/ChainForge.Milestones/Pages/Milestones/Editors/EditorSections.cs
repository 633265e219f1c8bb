using System.Collections.Concurrent;
using System.Net;
using System.Text;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;

namespace ChainForge.Milestones.Pages.Milestones.Editors;

/// <summary>The editor's sections, each at an anchor of the form, in the template's order.</summary>
public static class EditorSections
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
    /// <remarks>On every author's view of a milestone page: a scan for the one literal, and each
    /// section's link made once (the sections are the template's, and a few of people's own).</remarks>
    public static string WithAddLinks(string html, string id)
    {
        ArgumentNullException.ThrowIfNull(html);
        var at = html.IndexOf(MilestoneHtml.NotFilledOpening, StringComparison.Ordinal);
        if (at < 0)
            return html;
        var edit = $"/milestones/{Uri.EscapeDataString(id)}/edit#";
        var linked = new StringBuilder(html.Length + 2048);
        var done = 0;
        while (at >= 0)
        {
            var section = at + MilestoneHtml.NotFilledOpening.Length;
            var sectionEnd = html.IndexOf('"', section);
            var end = sectionEnd < 0 ? -1 : html.IndexOf("</em>", sectionEnd, StringComparison.Ordinal);
            if (end < 0)
                break;
            end += "</em>".Length;
            linked.Append(html, done, end - done)
                .Append(" <a class=\"add-link\" href=\"").Append(edit)
                .Append(AddLinkEnd(html[section..sectionEnd]));
            done = end;
            at = html.IndexOf(MilestoneHtml.NotFilledOpening, end, StringComparison.Ordinal);
        }
        return linked.Append(html, done, html.Length - done).ToString();
    }

    private static readonly ConcurrentDictionary<string, string> AddLinkEnds = new(StringComparer.Ordinal);

    // The link after its editor address, for a section named as the attribute holds it (HTML-escaped).
    private static string AddLinkEnd(string attribute)
    {
        if (AddLinkEnds.TryGetValue(attribute, out var known))
            return known;
        var section = WebUtility.HtmlDecode(attribute);
        var end = $"{AnchorOf(section)}\">Add<span class=\"visually-hidden\"> to {WebUtility.HtmlEncode(section)}</span></a>";
        // People's own section names are theirs to choose: only so many are kept.
        if (AddLinkEnds.Count < 256)
            AddLinkEnds.TryAdd(attribute, end);
        return end;
    }
}
