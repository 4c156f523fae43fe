using System;

namespace OktaIntegration.Core.Siem.Entra;

/// <summary>
/// Entra answered the token request with a 4xx other than 429 (invalid_client, unauthorized_client,
/// an unknown certificate...): the credential is wrong and sending again cannot help, so the batch
/// is refused for good and the run stops at once, instead of retrying with backoff.
/// </summary>
internal sealed class EntraTokenRefusedException : Exception
{
    public EntraTokenRefusedException(string message)
        : base(message)
    {
    }
}
