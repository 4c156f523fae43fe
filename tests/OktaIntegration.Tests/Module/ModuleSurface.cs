using System;
using System.Collections.Generic;
using System.Linq;
using OktaIntegration.HelpBuilder;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Tests.Module;

/// <summary>
/// The cmdlets as the module tests see them: every public cmdlet class in OktaIntegration.dll,
/// found by reflection, so a cmdlet added on any branch is covered without touching a test.
/// </summary>
internal static class ModuleSurface
{
    private static readonly Lazy<IReadOnlyList<CmdletShape>> AllCmdlets = new(() => CmdletShape.FromAssembly(typeof(OktaCmdlet).Assembly));

    public static IReadOnlyList<CmdletShape> Cmdlets => AllCmdlets.Value;

    public static IEnumerable<object[]> CmdletNames() => Cmdlets.Select(c => new object[] { c.Name });

    public static CmdletShape Cmdlet(string name) => Cmdlets.Single(c => c.Name == name);

    /// <summary>
    /// Cmdlets the manifest and docs already announce while their classes are being written on
    /// other branches (feat/syslog, feat/groups, feat/response). Tests accept these as missing
    /// and FAIL once a class exists, so merging a branch means deleting its names here; when
    /// the list is empty, delete it.
    /// </summary>
    public static readonly IReadOnlyCollection<string> PendingOnOtherBranches = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Get-OktaSystemLog", "Get-OktaGroup", "Get-OktaGroupMember", "Sync-OktaGroupRole", "Revoke-OktaUserSession",
        "Suspend-OktaUser", "Resume-OktaUser", "Block-OktaIpAddress", "Unblock-OktaIpAddress",
        "OktaIntegration.Core.SystemLog.OktaLogEvent", "OktaIntegration.Core.Groups.OktaGroup", "OktaIntegration.Core.Groups.OktaUser",
        "OktaIntegration.Core.RoleSync.OktaRoleChange", "OktaIntegration.Core.Users.OktaUserSessionRevocation",
        "OktaIntegration.Core.Users.OktaUserAccount", "OktaIntegration.Core.Zones.OktaIpBlockResult",
    };
}
