namespace OktaIntegration.Core.Http;

/// <summary>
/// Where Core reports what it does. The cmdlets queue these and write them as Verbose/Debug/
/// Warning on the pipeline thread. Messages never contain a secret: URLs carry no credentials
/// and headers are never logged whole.
/// </summary>
public interface ITransportLog
{
    void Verbose(string message);

    void Debug(string message);

    void Warning(string message);
}

/// <summary>Discards everything; the default when nobody listens.</summary>
public sealed class NullTransportLog : ITransportLog
{
    public static readonly NullTransportLog Instance = new();

    public void Verbose(string message)
    {
    }

    public void Debug(string message)
    {
    }

    public void Warning(string message)
    {
    }
}
