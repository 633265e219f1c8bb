namespace ChainForge.Milestones.Pages;

/// <summary>Which page of a long list this is, and the address of any other: for the _Pager partial.</summary>
public sealed record Pager(int Page, int PageCount, Func<int, string> Link)
{
    /// <summary>The page asked for, kept between 1 and the last; the count of pages (at least 1).</summary>
    public static (int Page, int PageCount) Of(int asked, int total, int pageSize)
    {
        var count = Math.Max(1, (total + pageSize - 1) / pageSize);
        return (Math.Clamp(asked, 1, count), count);
    }
}
