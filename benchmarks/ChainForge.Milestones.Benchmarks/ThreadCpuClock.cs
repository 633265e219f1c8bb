using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace ChainForge.Milestones.Benchmarks;

/// <summary>
/// The CPU time of the measuring thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), in nanoseconds. On a
/// machine shared with other work, wall time counts the time the benchmark waits for a core; this
/// does not, so the three benchmarks, run one after another, stay comparable.
/// </summary>
public sealed partial class ThreadCpuClock : IClock
{
    private const int ThreadCpuTimeId = 3;

    public static readonly ThreadCpuClock Instance = new();

    public string Title => "Thread CPU time";

    public bool IsAvailable => OperatingSystem.IsLinux();

    public Frequency Frequency => Frequency.GHz;

    public long GetTimestamp()
    {
        _ = ClockGetTime(ThreadCpuTimeId, out var time);
        return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);
}
