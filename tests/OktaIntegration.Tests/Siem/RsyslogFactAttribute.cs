using Xunit;

namespace OktaIntegration.Tests.Siem;

/// <summary>A test against a real rsyslogd: skipped, with the reason, where rsyslog or its TLS driver is not installed.</summary>
public sealed class RsyslogFactAttribute : FactAttribute
{
    public RsyslogFactAttribute()
    {
        if (RsyslogReceiver.MissingReason is { } reason) Skip = reason;
    }
}

/// <summary>The theory form of <see cref="RsyslogFactAttribute"/>.</summary>
public sealed class RsyslogTheoryAttribute : TheoryAttribute
{
    public RsyslogTheoryAttribute()
    {
        if (RsyslogReceiver.MissingReason is { } reason) Skip = reason;
    }
}
