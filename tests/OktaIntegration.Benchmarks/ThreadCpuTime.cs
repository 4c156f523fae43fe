using System;
using System.Runtime.InteropServices;

namespace OktaIntegration.Benchmarks;

/// <summary>
/// The CPU time the calling thread has used (Linux: clock_gettime(CLOCK_THREAD_CPUTIME_ID)), so
/// a single-threaded rate can be stated per core on a machine that other work shares. Null
/// elsewhere; callers then fall back to wall time.
/// </summary>
internal static class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    public static TimeSpan? Now()
    {
        if (!OperatingSystem.IsLinux()) return null;
        if (clock_gettime(ClockThreadCpuTimeId, out var time) != 0) return null;
        return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
