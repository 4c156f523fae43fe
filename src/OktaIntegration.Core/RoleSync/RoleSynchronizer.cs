using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.RoleSync;

/// <summary>
/// The whole sync in three steps, split so that each runs on the right thread: read Okta
/// (async, any thread), plan against the target (its current assignments are read on the
/// caller's thread) and apply (on the caller's thread, one approval per change). Nothing is
/// applied unless every read succeeded and the plan is within the revocation limit.
/// </summary>
public sealed class RoleSynchronizer
{
    private readonly MappedGroupReader _reader;

    public RoleSynchronizer(OktaTransport transport, RoleMapping mapping, RoleSyncOptions options)
    {
        _reader = new MappedGroupReader(transport);
        Mapping = mapping;
        Options = options;
    }

    public RoleMapping Mapping { get; }

    public RoleSyncOptions Options { get; }

    /// <summary>Step 1: every mapped group and all its members, or an exception.</summary>
    public Task<IReadOnlyList<MappedGroup>> ReadOktaAsync(IProgress<GroupReadProgress>? progress, CancellationToken cancellationToken) =>
        _reader.ReadAsync(Mapping, progress, cancellationToken);

    /// <summary>Step 2: the plan for this target.</summary>
    public SyncPlan Plan(IReadOnlyList<MappedGroup> groups, IRoleTarget target) =>
        RoleSyncPlanner.Plan(groups, target.ReadAssignments(), Options, target.CanCreateUsers, target.CanRemoveUsers);

    /// <summary>
    /// Step 3: applies the plan. Throws <see cref="RevocationLimitExceededException"/> before
    /// touching anything when the plan revokes more than allowed and <paramref name="force"/> is off.
    /// </summary>
    public static IReadOnlyList<OktaRoleChange> Apply(SyncPlan plan, IRoleTarget target, bool force, Func<OktaRoleChange, ChangeApproval> approve)
    {
        if (plan.ExceedsRevocationLimit && !force) throw new RevocationLimitExceededException(plan);
        return RoleSyncApplier.Apply(plan, target, approve);
    }
}
