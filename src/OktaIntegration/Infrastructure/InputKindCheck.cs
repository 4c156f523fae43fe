using System;
using System.Linq;
using System.Management.Automation;
using OktaIntegration.Core.Users;

namespace OktaIntegration.Infrastructure;

/// <summary>
/// Refuses, before any request, an input that is the wrong kind of Okta object: a group or an app
/// (a System Log event whose actor is one) where a user is expected, or a user where a group is.
/// Users and groups both carry an Id, which binds by
/// property name to either kind of parameter, so without this check a piped group would be
/// previewed and acted on as "Okta user 00g…". The kind is read from the piped object's type
/// (live, deserialized from a job or Import-Clixml, or re-imported from a CSV with its type line),
/// from a principal or subject type of Group (admin assignments, posture findings), or from the
/// shape of the id itself (00g… is always a group, 00u… always a user, 0oa… always an app).
/// </summary>
internal static class InputKindCheck
{
    private const string GroupTypeName = "OktaIntegration.Core.Groups.OktaGroup";
    private const string UserTypeName = "OktaIntegration.Core.Users.OktaUser";

    /// <summary>
    /// Null when <paramref name="value"/> may name a user as far as groups go; else the error record
    /// saying the input is a group. <paramref name="piped"/> is the object the value came from, or null when it was typed.
    /// </summary>
    private static ErrorRecord? GroupGivenForUser(PSObject? piped, string? value, string parameterName, string commandName)
    {
        var typed = (value ?? string.Empty).Trim();
        string what;
        string hint;
        if (piped != null && IsGroup(piped))
        {
            var name = Text(piped, "Name", "GroupName", "PrincipalName", "Subject");
            var id = Text(piped, "Id", "GroupId", "PrincipalId", "SubjectId") ?? typed;
            what = $"The input is the Okta group {Describe(name, id)}, not a user";
            hint = name != null ? $"Get-OktaGroup -Name '{name.Replace("'", "''")}' | Get-OktaGroupMember | {commandName}" : $"Get-OktaGroupMember -GroupId {id} | {commandName}";
        }
        else if (OktaIds.IsGroupId(typed))
        {
            what = $"'{typed}' is an Okta group id (group ids start with 00g, user ids with 00u), not a user id";
            hint = $"Get-OktaGroupMember -GroupId {typed} | {commandName}";
        }
        else
        {
            return null;
        }
        var message = $"{what}, so it was not used as a user and nothing was sent to Okta for it. To use the group's members, pipe the group through Get-OktaGroupMember: {hint}";
        return Refusal(message, parameterName, ErrorIds.InputIsGroup, piped, value);
    }

    /// <summary>
    /// Null when <paramref name="value"/> may name a user; else the error record saying the input
    /// is a group (see <see cref="GroupGivenForUser"/>) or another kind of principal: a System Log
    /// event whose actor is an app or Okta itself (its ActorId binds -UserId), or an app id (0oa…).
    /// Okta would answer "not found" for those, which reads as a deleted user.
    /// </summary>
    public static ErrorRecord? NotAUser(PSObject? piped, string? value, string parameterName, string commandName)
    {
        if (GroupGivenForUser(piped, value, parameterName, commandName) is { } group) return group;
        if (UnresolvedActor(piped, value, parameterName, commandName) is { } unresolved) return unresolved;
        var typed = (value ?? string.Empty).Trim();
        string what;
        var actorType = piped == null ? null : Text(piped, "ActorType");
        if (actorType != null && !string.Equals(actorType, "User", StringComparison.OrdinalIgnoreCase)
            && string.Equals(Text(piped!, "ActorId"), typed, StringComparison.Ordinal))
        {
            what = $"The input is a System Log event whose actor is the {actorType} {Describe(Text(piped!, "ActorDisplayName"), typed)}, not a user";
        }
        else if (OktaIds.IsAppId(typed))
        {
            what = $"'{typed}' is an Okta app id (app ids start with 0oa, user ids with 00u), not a user id";
        }
        else
        {
            return null;
        }
        var message = $"{what}, so it was not used as a user and nothing was sent to Okta for it. {commandName} acts on users only: pick the events whose ActorType is User (Where-Object ActorType -eq 'User'), or act on an app in the Okta Admin Console.";
        return Refusal(message, parameterName, ErrorIds.InputIsNotUser, piped, value);
    }

    /// <summary>
    /// Null unless <paramref name="value"/> is the ActorId of a piped System Log event whose user
    /// actor has no user id: Okta writes actor.id "unknown" when it could not match a sign-in to a user. Looked
    /// up, a value that is not an id is taken as a login or login short name, and "unknown" could
    /// name whoever's short name it is: never the actor, so refused.
    /// </summary>
    private static ErrorRecord? UnresolvedActor(PSObject? piped, string? value, string parameterName, string commandName)
    {
        var typed = (value ?? string.Empty).Trim();
        if (piped == null || Text(piped, "EventType") == null || !string.Equals(Text(piped, "ActorId"), typed, StringComparison.Ordinal) || OktaIds.IsUserId(typed)) return null;
        // An actor of another type (an app, Okta itself) is refused as that, below.
        if (Text(piped, "ActorType") is { } actorType && !string.Equals(actorType, "User", StringComparison.OrdinalIgnoreCase)) return null;
        var tried = Text(piped, "ActorAlternateId");
        var message = $"The input is a System Log event whose actor Okta did not resolve to a user (actor id '{typed}'), so it was not used as a user and nothing was sent to Okta for it: looked up, '{typed}' could name someone else."
            + (tried != null && !string.Equals(tried, typed, StringComparison.OrdinalIgnoreCase) ? $" To act on the login that was tried, give it yourself: {commandName} -UserId '{tried.Replace("'", "''")}'." : string.Empty);
        return Refusal(message, parameterName, ErrorIds.InputIsNotUser, piped, value);
    }

    /// <summary>Null when <paramref name="value"/> may name a group; else the error record saying the input is a user.</summary>
    public static ErrorRecord? UserGivenForGroup(PSObject? piped, string? value, string parameterName)
    {
        var typed = (value ?? string.Empty).Trim();
        string what;
        if (piped != null && HasType(piped, UserTypeName))
        {
            var login = Text(piped, "Login");
            var id = Text(piped, "Id") ?? typed;
            what = $"The input is the Okta user {Describe(login, id)}, not a group";
            var groupId = Text(piped, "GroupId");
            if (groupId != null)
                what += $" (it was listed as a member of {Describe(Text(piped, "GroupName"), groupId)}; to read that group give -GroupId {groupId})";
        }
        else if (OktaIds.IsUserId(typed))
        {
            what = $"'{typed}' is an Okta user id (user ids start with 00u, group ids with 00g), not a group id";
        }
        else
        {
            return null;
        }
        var message = $"{what}, so no members were read. Get-OktaGroupMember takes groups by id, name or from the pipeline: Get-OktaGroup -Name 'TL-*' | Get-OktaGroupMember";
        return Refusal(message, parameterName, ErrorIds.InputIsUser, piped, value);
    }

    /// <summary>The refusal of an input of the wrong kind: the argument named, the input itself as target.</summary>
    private static ErrorRecord Refusal(string message, string parameterName, string errorId, PSObject? piped, string? value) =>
        new(new ArgumentException(message, parameterName), errorId, ErrorCategory.InvalidArgument, (object?)piped ?? value);

    /// <summary>An OktaGroup, or a row whose principal or subject is a group (its user id is then empty).</summary>
    private static bool IsGroup(PSObject piped) =>
        HasType(piped, GroupTypeName)
        || string.Equals(Text(piped, "PrincipalType"), "Group", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Text(piped, "SubjectType"), "Group", StringComparison.OrdinalIgnoreCase);

    /// <summary>The type itself, or its deserialized ("Deserialized.") or CSV ("CSV:") form.</summary>
    private static bool HasType(PSObject piped, string typeName) =>
        piped.TypeNames.Any(t => t.EndsWith(typeName, StringComparison.Ordinal) && (t.Length == typeName.Length || t[t.Length - typeName.Length - 1] is '.' or ':'));

    private static string? Text(PSObject piped, params string[] names)
    {
        foreach (var name in names)
        {
            if (piped.Properties[name]?.Value is { } value && value.ToString() is { } text && text.Trim().Length > 0) return text.Trim();
        }
        return null;
    }

    private static string Describe(string? name, string? id) =>
        name == null || string.Equals(name, id, StringComparison.OrdinalIgnoreCase) ? $"'{id}'" : $"'{name}' ({id})";
}
