using System.Management.Automation;
using OktaIntegration.Core.Users;

namespace OktaIntegration.Infrastructure;

/// <summary>
/// Suspend-OktaUser and Resume-OktaUser: one lifecycle call per user after a status check. A user
/// already in the target state gets a warning saying so, not an error (the caller's goal holds).
/// Only a user whose status allows the change is confirmed (and previewed by -WhatIf): for the
/// others nothing would be sent, and the warning or error says so under -WhatIf just as it would
/// in a real run.
/// </summary>
public abstract class OktaUserLifecycleCmdlet : OktaUserActionCmdlet
{
    /// <summary>Write each user as Okta holds it afterwards (also when it was already in that state).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected abstract UserLifecycleOperation Operation { get; }

    protected override bool ProcessUser(OktaUser user, string target)
    {
        if (user.Status == Operation.RequiredStatus && !ShouldProcess(target, $"{Operation.Name} (status {user.Status} -> {Operation.TargetStatus})")) return false;
        var result = Run(ct => Users.ChangeLifecycleAsync(user, Operation, PassThru.IsPresent, ct));
        if (!result.Changed) WriteWarning(result.Reason);
        if (PassThru) WriteObject(result.After ?? result.Before);
        return true;
    }
}
