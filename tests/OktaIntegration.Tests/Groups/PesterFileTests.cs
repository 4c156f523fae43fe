using System;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using Xunit;

namespace OktaIntegration.Tests.Groups;

/// <summary>pwsh is not on every build machine, so at least prove the Pester file parses and uses only real cmdlet parameters.</summary>
public class PesterFileTests
{
    [Fact]
    public void Groups_Pester_file_parses_and_calls_only_existing_parameters()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "tests", "Groups.Tests.ps1"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var ast = Parser.ParseFile(Path.Combine(dir!.FullName, "tests", "Groups.Tests.ps1"), out _, out var errors);
        Assert.Empty(errors);

        var commands = typeof(Commands.SyncOktaGroupRoleCommand).Assembly.GetTypes()
            .Where(t => t.Namespace == "OktaIntegration.Commands" && t.Name.EndsWith("Command", StringComparison.Ordinal))
            .ToDictionary(t => { var a = (System.Management.Automation.CmdletAttribute)Attribute.GetCustomAttribute(t, typeof(System.Management.Automation.CmdletAttribute))!; return a.VerbName + "-" + a.NounName; },
                StringComparer.OrdinalIgnoreCase);
        // PowerShell's own list of common and ShouldProcess parameters, so none is missed (WarningVariable, InformationAction...).
        var common = typeof(System.Management.Automation.Internal.CommonParameters).GetProperties()
            .Concat(typeof(System.Management.Automation.Internal.ShouldProcessParameters).GetProperties())
            .Select(p => p.Name).ToArray();
        foreach (var call in ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>())
        {
            if (call.GetCommandName() is not { } name || !commands.TryGetValue(name, out var type)) continue;
            foreach (var parameter in call.CommandElements.OfType<CommandParameterAst>())
            {
                var known = type.GetProperties().Any(p => string.Equals(p.Name, parameter.ParameterName, StringComparison.OrdinalIgnoreCase)
                    || p.GetCustomAttributes(typeof(System.Management.Automation.AliasAttribute), false).Cast<System.Management.Automation.AliasAttribute>()
                        .Any(a => a.AliasNames.Contains(parameter.ParameterName, StringComparer.OrdinalIgnoreCase)));
                Assert.True(known || common.Contains(parameter.ParameterName, StringComparer.OrdinalIgnoreCase), $"{name} has no parameter -{parameter.ParameterName} (line {parameter.Extent.StartLineNumber})");
            }
        }
    }
}
