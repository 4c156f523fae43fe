using System;
using System.Collections.Generic;
using System.Linq;
using OktaIntegration.HelpBuilder;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Tests.Module;

/// <summary>
/// The cmdlets as the module tests see them: every public cmdlet class in OktaIntegration.dll,
/// found by reflection, so a cmdlet added on any branch is covered without touching a test.
/// </summary>
internal static class ModuleSurface
{
    private static readonly Lazy<IReadOnlyList<CmdletShape>> AllCmdlets = new(() => CmdletShape.FromAssembly(typeof(OktaCmdlet).Assembly));

    public static IReadOnlyList<CmdletShape> Cmdlets => AllCmdlets.Value;

    public static IEnumerable<object[]> CmdletNames() => Cmdlets.Select(c => new object[] { c.Name });

    public static CmdletShape Cmdlet(string name) => Cmdlets.Single(c => c.Name == name);

}
