using ChainForge.Milestones.Milestones.Markdown;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace ChainForge.Milestones.Pages.Milestones.Editors;

/// <summary>The options of an enumeration's select, spelled as the template spells them (IN_PROGRESS).</summary>
public static class Choices
{
    public static List<SelectListItem> Of<T>() where T : struct, Enum =>
        [.. Enum.GetValues<T>().Select(v => new SelectListItem(TemplateSpelling.Write(v), v.ToString()))];
}
