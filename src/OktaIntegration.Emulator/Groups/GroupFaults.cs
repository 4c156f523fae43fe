using System;
using System.Collections.Generic;

namespace OktaIntegration.Emulator.Groups;

/// <summary>
/// Failures specific to group-member listing: the path-prefix faults of <c>FaultInjector</c>
/// hit every page alike, but a test of "a member page fails mid-read" needs page 1 to succeed
/// and a later page to fail (every retry included).
/// </summary>
public sealed class GroupFaults
{
    private readonly Dictionary<(string GroupId, int Page), int> _failures = new();
    private readonly object _gate = new();

    /// <summary>Answers 500 E0000009 to the next <paramref name="times"/> requests for page <paramref name="pageIndex"/> (0-based) of the group's members.</summary>
    public void FailMemberPage(string groupId, int pageIndex, int times = int.MaxValue)
    {
        lock (_gate) _failures[(groupId, pageIndex)] = times;
    }

    public void Clear()
    {
        lock (_gate) _failures.Clear();
    }

    internal bool Take(string groupId, int pageIndex)
    {
        lock (_gate)
        {
            if (!_failures.TryGetValue((groupId, pageIndex), out var left) || left <= 0) return false;
            _failures[(groupId, pageIndex)] = left == int.MaxValue ? left : left - 1;
            return true;
        }
    }
}
