using System.Management.Automation;
using OktaIntegration.Core.Users;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Suspends Okta users: they cannot sign in, but keep their groups and app assignments.</para>
/// <para type="description">Okta suspends only ACTIVE users. A user who is already SUSPENDED is left alone with a
/// warning; a user in any other status is an error that names the status. Existing sessions are not ended: run
/// Revoke-OktaUserSession as well. Undo with Resume-OktaUser.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Suspend, "OktaUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Suspend-OktaUser.md")]
[OutputType(typeof(OktaUser))]
public sealed class SuspendOktaUserCommand : OktaUserLifecycleCmdlet
{
    protected override UserLifecycleOperation Operation => UserLifecycleOperation.Suspend;

    protected override string Activity => "Suspending Okta users";
}
