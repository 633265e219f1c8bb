using ChainForge.Milestones.Milestones.Markdown;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace ChainForge.Milestones.Pages.Milestones.Editors;

/// <summary>The options of an enumeration's select, spelled as the template spells them (HIGH) unless given a label.</summary>
public static class Choices
{
    public static List<SelectListItem> Of<T>() where T : struct, Enum => Of<T>(v => TemplateSpelling.Write(v));

    /// <summary>Options shown by <paramref name="label"/>, as the rest of the pages show the value ("In progress").</summary>
    public static List<SelectListItem> Of<T>(Func<T, string> label) where T : struct, Enum =>
        [.. Enum.GetValues<T>().Select(v => new SelectListItem(label(v), v.ToString()))];
}
