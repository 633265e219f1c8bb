namespace ChainForge.Milestones.Pages;

/// <summary>
/// The message a page shows once after the redirect that follows a change ("Saved.", "Imported 3
/// milestones"): set in TempData under <see cref="Key"/> before the redirect, shown by the layout.
/// </summary>
public static class OneTimeMessage
{
    public const string Key = "Message";
}
