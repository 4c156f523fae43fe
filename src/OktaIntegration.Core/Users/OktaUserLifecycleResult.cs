using System;

namespace OktaIntegration.Core.Users;

/// <summary>
/// The outcome of a suspend or unsuspend for one user: whether it changed anything, and if not,
/// why (the user was already in the target state).
/// </summary>
public sealed class OktaUserLifecycleResult
{
    internal OktaUserLifecycleResult(UserLifecycleOperation operation, OktaUser before, bool changed, string? reason, OktaUser? after, DateTimeOffset? changedAt)
    {
        Operation = operation;
        Before = before;
        Changed = changed;
        Reason = reason;
        After = after;
        ChangedAt = changedAt;
    }

    public UserLifecycleOperation Operation { get; }

    /// <summary>The user as read before the call.</summary>
    public OktaUser Before { get; }

    public bool Changed { get; }

    /// <summary>Why nothing changed, e.g. "jane@example.com (00u…) is already SUSPENDED".</summary>
    public string? Reason { get; }

    /// <summary>The user as read after the call, when it was asked for (-PassThru); otherwise null.</summary>
    public OktaUser? After { get; }

    public DateTimeOffset? ChangedAt { get; }
}
