using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ChainForge.Milestones.Pages;

/// <summary>
/// The message a page shows once after the redirect that follows a change, set in TempData before
/// the redirect and shown by the layout: what was done ("Saved M-004.") as a success, or what was
/// not done and why ("Not sent for review: someone saved M-004 since you opened it.") as a warning,
/// so that a refusal never looks like the change went through.
/// </summary>
public static class OneTimeMessage
{
    public const string DoneKey = "Message";
    public const string NotDoneKey = "NotDone";

    public static void Done(ITempDataDictionary tempData, string text)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        tempData[DoneKey] = text;
    }

    public static void NotDone(ITempDataDictionary tempData, string text)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        tempData[NotDoneKey] = text;
    }
}
