using System;
using System.Collections.Generic;
using System.Linq;
using OktaIntegration.Core.Posture.Checks;

namespace OktaIntegration.Core.Posture;

/// <summary>The checks Test-OktaPosture runs, in report order.</summary>
public static class PostureChecks
{
    public static readonly IReadOnlyList<IPostureCheck> All = new IPostureCheck[]
    {
        new AdminWithoutPhishingResistantFactorCheck(),
        new AdminWeakFactorsOnlyCheck(),
        new TooManySuperAdminsCheck(),
        new DormantUserCheck(),
        new UserWithoutMfaCheck(),
        new ApiTokenRiskCheck(),
        new ThreatInsightCheck(),
        new AdminGroupOpenMembershipCheck(),
    };

    public static IEnumerable<string> Names => All.Select(c => c.Name);

    public static IPostureCheck? Find(string name) => All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The checks named in <paramref name="names"/>, or all of them when it is empty.</summary>
    public static IReadOnlyList<IPostureCheck> Select(IReadOnlyList<string> names) =>
        names.Count == 0 ? All : All.Where(c => names.Any(n => string.Equals(n, c.Name, StringComparison.OrdinalIgnoreCase))).ToList();
}
