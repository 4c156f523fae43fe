using System;

namespace OktaIntegration;

/// <summary>
/// A group, user or network zone named by the caller does not exist:
/// <c>catch [OktaIntegration.OktaNotFoundException]</c>. The error id says which
/// (OktaGroupNotFound, OktaUserNotFound, OktaZoneNotFound) and the target object holds the name or id.
/// </summary>
public sealed class OktaNotFoundException : OktaException
{
    public OktaNotFoundException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
