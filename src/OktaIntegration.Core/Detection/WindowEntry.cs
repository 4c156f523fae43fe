namespace OktaIntegration.Core.Detection;

/// <summary>
/// One event remembered by a windowed rule: its event time, uuid and the few attributes the rule
/// groups or compares on (what A, B, C, N and X/Y mean is the rule's business, documented there).
/// Small and uniform, so every window persists the same way and its size is easy to bound.
/// </summary>
public sealed class WindowEntry
{
    public WindowEntry(long timeMs, string uuid, string? a = null, string? b = null, string? c = null, long n = 0, double x = 0, double y = 0)
    {
        TimeMs = timeMs;
        Uuid = uuid;
        A = a;
        B = b;
        C = c;
        N = n;
        X = x;
        Y = y;
    }

    public long TimeMs { get; }

    public string Uuid { get; }

    public string? A { get; }

    public string? B { get; }

    public string? C { get; }

    public long N { get; }

    public double X { get; }

    public double Y { get; }
}
