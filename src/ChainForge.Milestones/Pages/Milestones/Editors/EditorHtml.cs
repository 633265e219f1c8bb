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

    /// <summary>
    /// The accessible name of a control of the list item being written (its <c>aria-label</c>):
    /// <c>{item}</c> becomes the item's name, number and list ("test 2 of Unit Tests", <c>{Item}</c>
    /// capitalized), so that forty "Remove" buttons each say which item they remove. Outside a
    /// list, <paramref name="fallback"/>. The blank item of a list's template says <c>{n}</c>,
    /// numbered by the script when it is added.
    /// </summary>
    public static string ItemLabel(this IHtmlHelper html, string format, string fallback)
    {
        var template = ItemLabelTemplate(html, format);
        if (template is null)
            return fallback;
        return html.ViewData[ItemNumberKey] is int number ? template.Replace("{n}", number.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) : template;
    }

    /// <summary>The label with <c>{n}</c> for the number (its <c>data-label</c>): the editor's script renumbers it after a move. Null outside a list.</summary>
    public static string? ItemLabelTemplate(this IHtmlHelper html, string format)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(format);
        if (html.ViewData[ItemNameKey] is not string { Length: > 0 } noun || html.ViewData[ItemListKey] is not string list)
            return null;
        return format
            .Replace("{Item}", $"{char.ToUpperInvariant(noun[0])}{noun[1..]} {{n}} of {list}", StringComparison.Ordinal)
            .Replace("{item}", $"{noun} {{n}} of {list}", StringComparison.Ordinal);
    }

    /// <summary>Set by the list item partial for <see cref="ItemLabel"/>: the list's item name and title, and the item's number from 1.</summary>
    public const string ItemNameKey = "ItemName", ItemListKey = "ItemList", ItemNumberKey = "ItemNumber";

    /// <summary>The id ASP.NET Core gives the input of a field name: dots and brackets become underscores.</summary>
    public static string IdOf(string name) => TagBuilder.CreateSanitizedId(name, "_");
}
