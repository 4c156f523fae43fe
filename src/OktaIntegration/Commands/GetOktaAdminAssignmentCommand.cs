using System;
using System.Management.Automation;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Posture;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Gets every user and group that holds an Okta admin role.</para>
/// <para type="description">Users come from Okta's IAM assignees list with their own roles; groups from the groups that have admin privilege, with their roles. Each row has the role type, label, custom role and resource set, and whether it came through a group. -ExpandGroupMembers adds one row per member of each admin group.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "OktaAdminAssignment", HelpUri = HelpLinks.Base + "Get-OktaAdminAssignment.md")]
[OutputType(typeof(OktaAdminAssignment))]
public sealed class GetOktaAdminAssignmentCommand : OktaConnectedCmdlet
{
    /// <summary>Also write one row per member of each group that holds a role.</summary>
    [Parameter]
    public SwitchParameter ExpandGroupMembers { get; set; }

    protected override void EndProcessing()
    {
        try
        {
            var set = Run(ct => new AdminAssignmentReader(ActiveConnection.Transport).ReadAsync(ExpandGroupMembers.IsPresent, ct));
            foreach (var row in set.All) WriteObject(row);
        }
        catch (Exception ex) when (ex is OktaApiException || ex is CrossOriginException)
        {
            Terminate(ex, null);
        }
    }
}
