using System.Collections.Generic;

namespace OktaIntegration.Core.RoleSync;

/// <summary>
/// Where roles live now: the JSON role store, or a downstream system driven by script blocks.
/// Calls are synchronous and made on the caller's thread (PowerShell script blocks must run
/// on the pipeline thread).
/// </summary>
public interface IRoleTarget
{
    /// <summary>How the target is named in messages and in <see cref="OktaRoleChange.Target"/>.</summary>
    string Description { get; }

    /// <summary>True when the target keeps user accounts of its own, so CreateUser/RemoveUser are planned.</summary>
    bool CanCreateUsers { get; }

    bool CanRemoveUsers { get; }

    /// <summary>Every user the target knows and their roles. A failure throws; it is never read as "no one".</summary>
    IReadOnlyList<RoleHolder> ReadAssignments();

    /// <summary>Applies one change; throws if the target refuses it.</summary>
    void Apply(OktaRoleChange change);

    /// <summary>Makes the applied changes durable (the JSON store writes its file here; script targets do nothing).</summary>
    void Commit();
}
