using System.Management.Automation;
using OktaIntegration.Core.Users;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Unsuspends Okta users, making SUSPENDED users ACTIVE again (the undo of Suspend-OktaUser).</para>
/// <para type="description">Okta unsuspends only SUSPENDED users. A user who is already ACTIVE is left alone with a
/// warning; a user in any other status is an error that names the status.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Resume, "OktaUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Resume-OktaUser.md")]
[OutputType(typeof(OktaUser))]
public sealed class ResumeOktaUserCommand : OktaUserLifecycleCmdlet
{
    protected override UserLifecycleOperation Operation => UserLifecycleOperation.Unsuspend;

    protected override string Activity => "Unsuspending Okta users";
}
