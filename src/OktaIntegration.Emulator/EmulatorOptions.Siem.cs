using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;

namespace OktaIntegration.Emulator;

public sealed partial class EmulatorOptions
{
    /// <summary>Certificates (public part) registered on the emulated Entra app, for client assertions to the Sentinel token endpoint.</summary>
    public List<X509Certificate2> EntraCertificates { get; } = new();
}
