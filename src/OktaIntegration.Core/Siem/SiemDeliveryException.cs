using System;

namespace OktaIntegration.Core.Siem;

/// <summary>A batch the destination kept failing (or refused for good): the run stops with the cursor before it.</summary>
public sealed class SiemDeliveryException : Exception
{
    public SiemDeliveryException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
