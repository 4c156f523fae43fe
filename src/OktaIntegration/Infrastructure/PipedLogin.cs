using System.Management.Automation;

namespace OktaIntegration.Infrastructure;

/// <summary>
/// The login a piped object carries next to the id that bound a user parameter (Login on users,
/// group members, admin assignments and findings; ActorAlternateId on System Log events), so a
/// cmdlet can name the user without another request to Okta.
/// </summary>
internal static class PipedLogin
{
    /// <summary>The login, or null when the input is a plain string (the id itself) or carries none.</summary>
    public static string? Of(PSObject? input)
    {
        if (input?.BaseObject is null or string) return null;
        foreach (var name in new[] { "Login", "ActorAlternateId" })
        {
            if (input.Properties[name]?.Value is string login && login.Trim().Length > 0) return login.Trim();
        }
        return null;
    }
}
