using System.Management.Automation;
using OktaIntegration.Core.Users;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Ends every Okta session of the given users, optionally revoking their OAuth tokens and forgetting their devices.</para>
/// <para type="description">Signs users out of Okta so they must authenticate again. It does not end sessions that
/// applications keep themselves. Takes user ids or logins, from the pipeline too: System Log events (ActorId), group
/// members (Id) or anything with a UserId or Login property. Each user is handled once per command; a user who does not
/// exist is reported and the others go on.</para>
/// </summary>
[Cmdlet(VerbsSecurity.Revoke, "OktaUserSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Revoke-OktaUserSession.md")]
[OutputType(typeof(OktaUserSessionRevocation))]
public sealed class RevokeOktaUserSessionCommand : OktaUserActionCmdlet
{
    /// <summary>Also revoke the OIDC and OAuth 2.0 access and refresh tokens issued to the users.</summary>
    [Parameter]
    public SwitchParameter IncludeOAuthTokens { get; set; }

    /// <summary>Also forget remembered factors on all the users' devices. Sent to Okta either way, because its default differs between Identity Engine and Classic.</summary>
    [Parameter]
    public SwitchParameter ForgetDevices { get; set; }

    protected override string Activity => "Revoking Okta user sessions";

    protected override bool ProcessUser(OktaUser user, string target)
    {
        var what = "Revoke all Okta sessions" + (IncludeOAuthTokens ? ", OAuth tokens" : string.Empty) + (ForgetDevices ? ", remembered devices" : string.Empty);
        if (!ShouldProcess(target, what)) return false;
        var result = Run(ct => Users.RevokeSessionsAsync(user, IncludeOAuthTokens.IsPresent, ForgetDevices.IsPresent, ct));
        WriteObject(result);
        return true;
    }
}
