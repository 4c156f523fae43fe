using System;

namespace OktaIntegration.Core.Users;

/// <summary>
/// The shape of Okta object ids: 20 letters and digits whose first three name the kind of object
/// (00u a user, 00g a group, 0oa an app). An id of one kind can never name another, so a cmdlet can
/// refuse a group or app id given where a user is expected (and the other way round) before it calls Okta.
/// </summary>
public static class OktaIds
{
    private const int Length = 20;

    /// <summary>True for a user id (00u…).</summary>
    public static bool IsUserId(string? value) => HasShape(value, "00u");

    /// <summary>True for a group id (00g…).</summary>
    public static bool IsGroupId(string? value) => HasShape(value, "00g");

    /// <summary>True for an app id (0oa…): an app instance or OAuth client, the actor of API calls made with a service app.</summary>
    public static bool IsAppId(string? value) => HasShape(value, "0oa");

    private static bool HasShape(string? value, string prefix)
    {
        if (value == null || value.Length != Length || !value.StartsWith(prefix, StringComparison.Ordinal)) return false;
        foreach (var c in value)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9')) return false;
        }
        return true;
    }
}
