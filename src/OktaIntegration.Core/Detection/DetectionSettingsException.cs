using System;

namespace OktaIntegration.Core.Detection;

/// <summary>A settings file or hashtable for Find-OktaThreat that cannot be used, saying which entry and why.</summary>
public sealed class DetectionSettingsException : Exception
{
    public DetectionSettingsException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
