using System.Management.Automation;
using OktaIntegration.Core.Users;

namespace OktaIntegration.Infrastructure;

/// <summary>
/// Suspend-OktaUser and Resume-OktaUser: one lifecycle call per user after a status check. A user
/// already in the target state gets a warning saying so, not an error (the caller's goal holds).
/// </summary>
public abstract class OktaUserLifecycleCmdlet : OktaUserActionCmdlet
{
    /// <summary>Write each user as Okta holds it afterwards (also when it was already in that state).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected abstract UserLifecycleOperation Operation { get; }

    protected override bool ProcessUser(string idOrLogin, string target)
    {
        if (!ShouldProcess(target, $"{Operation.Name} (status {Operation.RequiredStatus} -> {Operation.TargetStatus})")) return false;
        var user = ResolveOnce(idOrLogin);
        if (user == null) return false;
        var result = Run(ct => Users.ChangeLifecycleAsync(user, Operation, PassThru.IsPresent, ct));
        if (!result.Changed) WriteWarning(result.Reason);
        if (PassThru) WriteObject(result.After ?? result.Before);
        return true;
    }
}
