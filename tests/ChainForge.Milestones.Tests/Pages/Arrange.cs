using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Tests.Fixtures;

namespace ChainForge.Milestones.Tests.Pages;

/// <summary>Puts milestones in the app's database before a test looks at a page.</summary>
internal static class Arrange
{
    public static async Task StoreAsync(this MilestonesAppFactory app, params Milestone[] milestones)
    {
        using var db = app.CreateDbContext();
        db.Milestones.AddRange(milestones);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public static Milestone Example() => MarkdownImporter.Import(Fixture.Example).Milestone!;

    public static Milestone Named(string id, string title = "A milestone") => new() { Id = id, Title = title };
}
