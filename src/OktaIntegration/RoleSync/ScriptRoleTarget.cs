using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using OktaIntegration.Core.RoleSync;

namespace OktaIntegration.RoleSync;

/// <summary>
/// A downstream system driven by the runbook's own script blocks: one reads the current
/// assignments, others grant and revoke (and optionally create and remove users). Each block
/// runs on the pipeline thread with the change as <c>$_</c> and as its first argument, and with
/// $ErrorActionPreference = 'Stop' and $PSNativeCommandUseErrorActionPreference = $true, so any
/// error inside it, and on PowerShell 7.4+ a native command's non-zero exit code, fails that change visibly.
/// </summary>
internal sealed class ScriptRoleTarget : IRoleTarget
{
    private static readonly string[] LoginNames = { "Login", "UserName", "Email", "UserPrincipalName" };
    private static readonly string[] IdNames = { "UserId", "OktaId", "OktaUserId" };
    private static readonly string[] RoleNames = { "Role", "Roles" };
    private readonly ScriptBlock _read;
    private readonly ScriptBlock _grant;
    private readonly ScriptBlock _revoke;
    private readonly ScriptBlock? _createUser;
    private readonly ScriptBlock? _removeUser;

    public ScriptRoleTarget(ScriptBlock read, ScriptBlock grant, ScriptBlock revoke, ScriptBlock? createUser, ScriptBlock? removeUser)
    {
        _read = read;
        _grant = grant;
        _revoke = revoke;
        _createUser = createUser;
        _removeUser = removeUser;
    }

    public string Description => "script target";

    public bool CanCreateUsers => _createUser != null;

    public bool CanRemoveUsers => _removeUser != null;

    /// <summary>
    /// Objects with a Login (or UserName/Email/UserPrincipalName), an optional UserId, and a Role
    /// or Roles; several objects for one user are merged. A user with no role is an account
    /// that exists with nothing granted.
    /// </summary>
    public IReadOnlyList<RoleHolder> ReadAssignments()
    {
        var users = new Dictionary<string, (string Login, string? Id, List<string> Roles)>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var item in Invoke(_read, null))
        {
            index++;
            if (item == null) continue;
            var login = First(item, LoginNames);
            var id = First(item, IdNames);
            if (login == null && id == null)
                throw new InvalidOperationException($"Item {index} from -GetAssignment ('{item}') has no Login or UserId property. Return objects such as [pscustomobject]@{{ Login = 'jane@corp.example'; Role = 'Administrator' }}.");
            var key = id ?? login!;
            if (!users.TryGetValue(key, out var user)) users[key] = user = (login ?? string.Empty, id, new List<string>());
            foreach (var role in Roles(item)) user.Roles.Add(role);
        }
        return users.Values.Select(u => new RoleHolder(u.Login, u.Id, u.Roles)).ToList();
    }

    public void Apply(OktaRoleChange change)
    {
        var block = change.Action switch
        {
            nameof(RoleChangeAction.Grant) => _grant,
            nameof(RoleChangeAction.Revoke) => _revoke,
            nameof(RoleChangeAction.CreateUser) => _createUser,
            nameof(RoleChangeAction.RemoveUser) => _removeUser,
            _ => null,
        } ?? throw new InvalidOperationException($"The script target has no script block for {change.Action}.");
        Invoke(block, change);
    }

    public void Commit()
    {
    }

    private static IEnumerable<PSObject?> Invoke(ScriptBlock block, OktaRoleChange? change)
    {
        var variables = new List<PSVariable>
        {
            new("ErrorActionPreference", ActionPreference.Stop),
            // A native command (az, aws, curl) that exits non-zero fails the change too (PowerShell
            // 7.4+); otherwise a revocation that failed only by its exit code is reported Applied.
            new("PSNativeCommandUseErrorActionPreference", true),
        };
        if (change != null) variables.Add(new PSVariable("_", change));
        try
        {
            return change == null ? block.InvokeWithContext(null, variables) : block.InvokeWithContext(null, variables, change);
        }
        catch (PipelineStoppedException ex)
        {
            throw new OperationCanceledException("The sync was stopped.", ex);
        }
    }

    private static string? First(PSObject item, string[] names)
    {
        foreach (var name in names)
        {
            var value = item.Properties[name]?.Value;
            if (value is PSObject wrapped) value = wrapped.BaseObject;
            var text = Convert.ToString(value, CultureInfo.InvariantCulture);
            if (!string.IsNullOrWhiteSpace(text)) return text!.Trim();
        }
        return null;
    }

    private static IEnumerable<string> Roles(PSObject item)
    {
        foreach (var name in RoleNames)
        {
            var value = item.Properties[name]?.Value;
            if (value is PSObject wrapped) value = wrapped.BaseObject;
            if (value == null) continue;
            if (value is string one)
            {
                yield return one;
                continue;
            }
            if (value is IEnumerable many)
            {
                foreach (var role in many)
                {
                    var text = Convert.ToString(role is PSObject p ? p.BaseObject : role, CultureInfo.InvariantCulture);
                    if (!string.IsNullOrWhiteSpace(text)) yield return text!;
                }
                continue;
            }
            yield return Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        }
    }
}
