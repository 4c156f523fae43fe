using System;

namespace OktaIntegration.Emulator.Data;

public sealed partial class EmulatedUser
{
    /// <summary>When the user was activated; by default five minutes after creation. The posture seed moves it to make never-signed-in cases.</summary>
    public DateTimeOffset? ActivatedAt { get; set; }
}
