using System;
using Xunit;

namespace OktaIntegration.Tests.Groups;

/// <summary>
/// A measurement, not a check for the default suite: it runs only when OKTA_MEASURE=1, so the
/// everyday `dotnet test` stays fast and never depends on machine speed.
/// </summary>
public sealed class MeasurementFactAttribute : FactAttribute
{
    public const string Variable = "OKTA_MEASURE";

    public MeasurementFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1") Skip = $"Measurement; set {Variable}=1 to run it.";
    }
}
