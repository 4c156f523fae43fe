using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace OktaIntegration.Benchmarks;

/// <summary>
/// Keeps the calling thread on one CPU (Linux: sched_setaffinity with pid 0, the calling thread),
/// so a one-thread rate can be measured on each CPU of the machine in turn. This VM's two virtual
/// CPUs run at different speeds for minutes at a time (the same normalization build: about 340,000
/// events per core pinned to one, 220,000 pinned to the other, and later the other way round), and
/// a thread the scheduler moves between them measures whichever it happened to get.
/// </summary>
internal static class ThreadAffinity
{
    /// <summary>The CPUs this thread may run on; empty where that cannot be known (not Linux).</summary>
    public static IReadOnlyList<int> AllowedCpus()
    {
        var cpus = new List<int>();
        if (!OperatingSystem.IsLinux() || sched_getaffinity(0, (IntPtr)sizeof(ulong), out var mask) != 0) return cpus;
        for (var cpu = 0; cpu < 64; cpu++)
            if ((mask & (1UL << cpu)) != 0) cpus.Add(cpu);
        return cpus;
    }

    /// <summary>Pins the calling thread to <paramref name="cpu"/> until the result is disposed; null where that is not possible.</summary>
    public static IDisposable? PinTo(int cpu)
    {
        if (!OperatingSystem.IsLinux() || cpu is < 0 or >= 64 || sched_getaffinity(0, (IntPtr)sizeof(ulong), out var before) != 0) return null;
        var mask = 1UL << cpu;
        return sched_setaffinity(0, (IntPtr)sizeof(ulong), ref mask) == 0 ? new Restore(before) : null;
    }

    private sealed class Restore : IDisposable
    {
        private ulong _mask;

        public Restore(ulong mask) => _mask = mask;

        public void Dispose() => sched_setaffinity(0, (IntPtr)sizeof(ulong), ref _mask);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int sched_setaffinity(int pid, IntPtr size, ref ulong mask);

    [DllImport("libc", SetLastError = true)]
    private static extern int sched_getaffinity(int pid, IntPtr size, out ulong mask);
}
