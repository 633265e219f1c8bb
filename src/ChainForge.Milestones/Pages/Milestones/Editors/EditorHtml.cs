using ChainForge.Milestones.Milestones;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ChainForge.Milestones.Pages.Milestones.Editors;

/// <summary>
/// Renders the editors' partials under a field name prefix, so that <c>asp-for="Text"</c> in
/// an item's partial names its input <c>Milestone.Testing.UnitTests[2].Text</c>, as the
/// model binder and the validator's messages expect.
/// </summary>
public static class EditorHtml
{
    public const string Folder = "/Pages/Milestones/Editors/";

    /// <param name="isFixed">An item the list keeps in place, such as a metric key of the template.</param>
    public static Task<IHtmlContent> EditorAsync(this IHtmlHelper html, string partial, object? model, string prefix, string? label = null, bool isFixed = false)
    {
        var viewData = new ViewDataDictionary<object>(html.ViewData, model);
        viewData.TemplateInfo.HtmlFieldPrefix = prefix;
        viewData["Label"] = label;
        viewData["Fixed"] = isFixed;
        return html.PartialAsync($"{Folder}{partial}.cshtml", model, viewData);
    }

    /// <summary>The editor of one list of the milestone, by its path such as <c>Testing.UnitTests</c>.</summary>
    public static Task<IHtmlContent> ListAsync(this IHtmlHelper html, Milestone milestone, string path) =>
        html.EditorAsync("_List", MilestoneLists.Find(milestone, path), "");

    /// <summary>A markdown body with its preview.</summary>
    public static Task<IHtmlContent> MarkdownAsync(this IHtmlHelper html, string name, string value, string label) =>
        html.EditorAsync("_Markdown", value, name, label);

    /// <summary>The id ASP.NET Core gives the input of a field name: dots and brackets become underscores.</summary>
    public static string IdOf(string name) => TagBuilder.CreateSanitizedId(name, "_");
}
