using System.Collections.Generic;
using OktaIntegration.Core.Http;

namespace OktaIntegration.Core.Posture;

/// <summary>A part of the audit Okta refused to let this connection read, and the checks that therefore found nothing.</summary>
public sealed class PostureReadFailure
{
    public PostureReadFailure(PostureData part, IReadOnlyList<string> checks, OktaApiException error)
    {
        Part = part;
        Checks = checks;
        Error = error;
    }

    public PostureData Part { get; }

    public IReadOnlyList<string> Checks { get; }

    public OktaApiException Error { get; }

    public string Message => $"{string.Join(", ", Checks)} not checked: reading {Part} was refused ({Error.Message})";
}
