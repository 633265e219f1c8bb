namespace ChainForge.Milestones.Milestones;

/// <summary>Upper bounds on sizes, so that one milestone cannot grow without limit.</summary>
public static class MilestoneLimits
{
    public const int Id = 64;
    public const int Line = 500;
    public const int Body = 50_000;
    public const int Code = 50_000;
    public const int Language = 32;
    public const int ListItems = 200;
    public const int Phases = 50;
}
