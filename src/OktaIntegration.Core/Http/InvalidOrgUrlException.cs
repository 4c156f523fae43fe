using System;

namespace OktaIntegration.Core.Http;

/// <summary>An org URL that is not an Okta API origin (empty, a placeholder, the Admin Console host, http to a remote host...). Mapped to OktaInvalidOrgUrl.</summary>
public sealed class InvalidOrgUrlException : ArgumentException
{
    public InvalidOrgUrlException(string message)
        : base(message)
    {
    }
}
