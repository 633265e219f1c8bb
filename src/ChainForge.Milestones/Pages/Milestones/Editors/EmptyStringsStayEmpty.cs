using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace ChainForge.Milestones.Pages.Milestones.Editors;

/// <summary>
/// An empty form field binds to "", not null: in the milestone model an empty string is
/// "not filled in", and its strings are never null.
/// </summary>
public sealed class EmptyStringsStayEmpty : IDisplayMetadataProvider
{
    public void CreateDisplayMetadata(DisplayMetadataProviderContext context) =>
        context.DisplayMetadata.ConvertEmptyStringToNull = false;
}
