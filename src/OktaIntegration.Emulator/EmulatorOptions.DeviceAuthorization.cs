using System;

namespace OktaIntegration.Emulator;

public sealed partial class EmulatorOptions
{
    /// <summary>The poll interval /oauth2/v1/device/authorize hands out (Okta: 5 s). Tests shorten it.</summary>
    public TimeSpan DeviceCodeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a device code lives (Okta: 600 s). Tests shorten it to see expired_token.</summary>
    public TimeSpan DeviceCodeLifetime { get; set; } = TimeSpan.FromSeconds(600);

    /// <summary>Not Okta: every user code counts as approved the moment it is issued, for tests that only need a signed-in connection.</summary>
    public bool AutoApproveDeviceCodes { get; set; }
}
