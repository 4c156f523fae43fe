using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using OktaIntegration.HelpBuilder;
using Xunit;

namespace OktaIntegration.Tests.Module;

/// <summary>
/// What PowerShell users rely on, checked by reflection over every cmdlet class (so cmdlets
/// added later are covered automatically): [OutputType], ShouldProcess on changing verbs,
/// approved verbs, and identity parameters that bind the same way everywhere.
/// </summary>
public sealed class CmdletSurfaceTests
{
    /// <summary>Verbs that change something in Okta or downstream.</summary>
    private static readonly HashSet<string> ChangingVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        VerbsCommon.Set, VerbsCommon.Remove, VerbsSecurity.Revoke, VerbsLifecycle.Suspend, VerbsLifecycle.Resume, VerbsSecurity.Block,
        VerbsSecurity.Unblock, VerbsData.Sync, VerbsCommon.New, VerbsCommon.Add, VerbsCommon.Clear, VerbsData.Update,
        VerbsLifecycle.Enable, VerbsLifecycle.Disable, VerbsCommon.Reset, VerbsSecurity.Grant, VerbsLifecycle.Register,
        VerbsLifecycle.Unregister, VerbsCommon.Move, VerbsCommon.Rename,
    };

    /// <summary>Verbs whose action is hard to undo and so must prompt by default.</summary>
    private static readonly HashSet<string> HighImpactVerbs = new(StringComparer.OrdinalIgnoreCase) { VerbsSecurity.Revoke, VerbsLifecycle.Suspend, VerbsCommon.Remove };

    public static IEnumerable<object[]> Cmdlets() => ModuleSurface.CmdletNames();

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void DeclaresOutputType(string cmdlet)
    {
        var type = ModuleSurface.Cmdlet(cmdlet).Type;
        Assert.True(type.GetCustomAttributes<OutputTypeAttribute>().Any(), $"{cmdlet} has no [OutputType] (use typeof(void) when it writes nothing).");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void ChangingCmdletsSupportShouldProcess(string cmdlet)
    {
        var shape = ModuleSurface.Cmdlet(cmdlet);
        var attribute = shape.Type.GetCustomAttribute<CmdletAttribute>()!;
        if (ChangingVerbs.Contains(shape.Verb))
        {
            Assert.True(attribute.SupportsShouldProcess, $"{cmdlet} changes state: add SupportsShouldProcess = true and call ShouldProcess per item.");
        }
        if (HighImpactVerbs.Contains(shape.Verb))
        {
            Assert.True(attribute.ConfirmImpact == ConfirmImpact.High, $"{cmdlet} is hard to undo: use ConfirmImpact.High.");
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void UsesAnApprovedVerbAndTheOktaNounPrefix(string cmdlet)
    {
        var shape = ModuleSurface.Cmdlet(cmdlet);
        var approved = new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsSecurity), typeof(VerbsOther) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)).Select(f => (string)f.GetValue(null)!);
        Assert.Contains(shape.Verb, approved);
        Assert.StartsWith("Okta", shape.Noun, StringComparison.Ordinal);
        Assert.Equal(shape.Verb + shape.Noun.Replace("-", string.Empty) + "Command", shape.Type.Name);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void SwitchesAreSwitchParametersNotBooleans(string cmdlet)
    {
        var booleans = ModuleSurface.Cmdlet(cmdlet).Parameters.Where(p => p.Type == typeof(bool) || p.Type == typeof(bool?)).Select(p => p.Name).ToList();
        Assert.True(booleans.Count == 0, $"{cmdlet}: use SwitchParameter for {string.Join(", ", booleans)}.");
    }

    [Fact]
    public void ParametersWithTheSameNameBindTheSameWayEverywhere()
    {
        // Get-OktaGroup | Get-OktaGroupMember | Revoke-OktaUserSession needs no glue only if
        // -UserId, -GroupId, -IpAddress... accept the same upstream property names on every cmdlet.
        var problems = new List<string>();
        var byName = ModuleSurface.Cmdlets
            .SelectMany(c => c.Parameters.Where(p => p.FromPipelineByPropertyName && !p.DontShow).Select(p => (Cmdlet: c.Name, Parameter: p)))
            .GroupBy(x => x.Parameter.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var group in byName)
        {
            var variants = group.GroupBy(x => string.Join(",", x.Parameter.Aliases.OrderBy(a => a, StringComparer.OrdinalIgnoreCase))).ToList();
            if (variants.Count > 1)
            {
                problems.Add($"-{group.Key} aliases differ: " + string.Join("; ", variants.Select(v => $"{string.Join("/", v.Select(x => x.Cmdlet))} [{v.Key}]")));
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void IdentityParametersBindTheUpstreamIdProperties()
    {
        // Output objects carry Id (users, groups), ActorId (log events) and UserId/GroupId; the
        // parameters that take them must accept those names from the pipeline.
        var expected = new Dictionary<string, string[]>
        {
            ["UserId"] = new[] { "Id", "ActorId", "Login" },
            ["GroupId"] = new[] { "Id" },
            ["IpAddress"] = new[] { "ClientIp" },
        };
        var problems = new List<string>();
        foreach (var cmdlet in ModuleSurface.Cmdlets)
        {
            foreach (var parameter in cmdlet.Parameters.Where(p => expected.ContainsKey(p.Name)))
            {
                if (!parameter.FromPipelineByPropertyName) problems.Add($"{cmdlet.Name} -{parameter.Name} does not bind ValueFromPipelineByPropertyName.");
                var missing = expected[parameter.Name].Where(a => !parameter.Aliases.Contains(a, StringComparer.OrdinalIgnoreCase)).ToList();
                if (missing.Count > 0) problems.Add($"{cmdlet.Name} -{parameter.Name} lacks alias {string.Join(", ", missing)}.");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EventTypeAndGroupNameParametersHaveArgumentCompleters()
    {
        var problems = new List<string>();
        foreach (var cmdlet in ModuleSurface.Cmdlets)
        {
            foreach (var parameter in cmdlet.Parameters)
            {
                var needsCompleter = parameter.Name == "EventType" || (parameter.Name is "Name" or "GroupName" && cmdlet.Noun.StartsWith("OktaGroup", StringComparison.Ordinal) && !parameter.DontShow);
                if (!needsCompleter) continue;
                var property = cmdlet.Type.GetProperty(parameter.Name)!;
                if (property.GetCustomAttribute<ArgumentCompleterAttribute>() == null) problems.Add($"{cmdlet.Name} -{parameter.Name} has no [ArgumentCompleter].");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void ConnectedCmdletsAcceptAConnection()
    {
        foreach (var cmdlet in ModuleSurface.Cmdlets.Where(c => typeof(OktaIntegration.Infrastructure.OktaConnectedCmdlet).IsAssignableFrom(c.Type)))
        {
            Assert.Contains(cmdlet.Parameters, p => p.Name == "Connection" && p.Type == typeof(OktaIntegration.Core.Connection.OktaConnection));
        }
    }

    [Fact]
    public void EveryCmdletIsFoundByReflection()
    {
        // Guards the other tests: an empty or partial list would make them pass vacuously.
        Assert.Contains(ModuleSurface.Cmdlets, c => c.Name == "Connect-OktaTenant");
        Assert.Contains(ModuleSurface.Cmdlets, c => c.Name == "Disconnect-OktaTenant");
        // Common parameters are PowerShell's and documented by about_CommonParameters; only
        // -WhatIf/-Confirm are listed (with standard help) on ShouldProcess cmdlets.
        Assert.All(ModuleSurface.Cmdlets, c => Assert.DoesNotContain(c.Parameters, p => CmdletShape.CommonParameterNames.Contains(p.Name) && !p.IsShouldProcessSwitch));
        Assert.All(ModuleSurface.Cmdlets, c => Assert.Equal(c.SupportsShouldProcess, c.Parameters.Any(p => p.Name == "WhatIf")));
    }
}
