using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Tests.Infrastructure;

/// <summary>
/// A real PowerShell engine (System.Management.Automation) hosted in the test process, with the
/// module's cmdlets loaded from the cmdlets assembly. Parameter binding, pipelines,
/// ShouldProcess and error records are PowerShell's own, not imitations.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    /// <param name="host">A host that records prompts and -WhatIf lines (<see cref="RecordingHost"/>); none by default, so nothing can prompt.</param>
    public PowerShellSession(System.Management.Automation.Host.PSHost? host = null)
    {
        var state = InitialSessionState.CreateDefault2();
        foreach (var type in typeof(OktaCmdlet).Assembly.GetTypes().Where(t => t.IsPublic && !t.IsAbstract && typeof(Cmdlet).IsAssignableFrom(t)))
        {
            var attribute = (CmdletAttribute)Attribute.GetCustomAttribute(type, typeof(CmdletAttribute))!;
            state.Commands.Add(new SessionStateCmdletEntry($"{attribute.VerbName}-{attribute.NounName}", type, null));
        }
        _runspace = host == null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
        _runspace.Open();
    }

    public Runspace Runspace => _runspace;

    /// <summary>Runs a script; returns its output and the error and other streams.</summary>
    public PowerShellResult Invoke(string script, IDictionary<string, object?>? variables = null)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        if (variables != null)
        {
            foreach (var (name, value) in variables) _runspace.SessionStateProxy.SetVariable(name, value);
        }
        ps.AddScript(script);
        try
        {
            var output = ps.Invoke();
            return new PowerShellResult(output.ToList(), ps.Streams.Error.ToList(), ps.Streams.Warning.Select(w => w.Message).ToList(),
                ps.Streams.Verbose.Select(v => v.Message).ToList(), ps.Streams.Debug.Select(d => d.Message).ToList(), null);
        }
        catch (RuntimeException ex)
        {
            return new PowerShellResult(new List<PSObject>(), ps.Streams.Error.ToList(), ps.Streams.Warning.Select(w => w.Message).ToList(),
                ps.Streams.Verbose.Select(v => v.Message).ToList(), ps.Streams.Debug.Select(d => d.Message).ToList(), ex.ErrorRecord);
        }
    }

    public void Dispose() => _runspace.Dispose();
}

/// <summary>What one script produced, stream by stream; <see cref="Terminating"/> is the error that stopped it, if any.</summary>
public sealed record PowerShellResult(
    IReadOnlyList<PSObject> Output,
    IReadOnlyList<ErrorRecord> Errors,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Verbose,
    IReadOnlyList<string> Debug,
    ErrorRecord? Terminating)
{
    /// <summary>Every error: non-terminating ones, then the terminating one.</summary>
    public IReadOnlyList<ErrorRecord> AllErrors => Terminating == null ? Errors : Errors.Append(Terminating).ToList();

    public string AllText => string.Join("\n", Output.Select(o => o?.ToString()).Concat(AllErrors.Select(e => e.ToString() + " " + e.Exception))
        .Concat(Warnings).Concat(Verbose).Concat(Debug));
}
