using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace OktaIntegration.Tests.Infrastructure;

/// <summary>
/// A PowerShell host that records what PowerShell shows a person: the "What if:" lines of
/// -WhatIf (written to the host, not to any stream) and confirmation prompts, which it answers
/// with <see cref="ConfirmAnswer"/>. With it, tests see the text an operator would read.
/// </summary>
public sealed class RecordingHost : PSHost
{
    private readonly RecordingHostUserInterface _ui = new();

    public override string Name => "OktaIntegration.Tests.RecordingHost";

    public override Version Version { get; } = new(1, 0);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override PSHostUserInterface UI => _ui;

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    /// <summary>Every line written to the host (What if: …).</summary>
    public IReadOnlyList<string> Lines => _ui.Lines;

    /// <summary>Each confirmation prompt as "caption: message".</summary>
    public IReadOnlyList<string> Prompts => _ui.Prompts;

    /// <summary>The choice label to answer prompts with, without the hot-key ampersand: "Yes", "No", "Yes to All"…</summary>
    public string ConfirmAnswer
    {
        get => _ui.Answer;
        set => _ui.Answer = value;
    }

    public override void SetShouldExit(int exitCode)
    {
    }

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    private sealed class RecordingHostUserInterface : PSHostUserInterface
    {
        public List<string> Lines { get; } = new();

        public List<string> Prompts { get; } = new();

        public string Answer { get; set; } = "No";

        public override PSHostRawUserInterface RawUI => null!;

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Prompts.Add($"{caption}: {message}");
            var index = choices.ToList().FindIndex(c => c.Label.Replace("&", string.Empty) == Answer);
            if (index < 0) throw new InvalidOperationException($"No choice '{Answer}' among {string.Join(", ", choices.Select(c => c.Label))}.");
            return index;
        }

        public override void WriteLine(string value) => Lines.Add(value);

        public override void Write(string value) => Lines.Add(value);

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Lines.Add(value);

        public override void WriteErrorLine(string value)
        {
        }

        public override void WriteDebugLine(string message)
        {
        }

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        public override void WriteVerboseLine(string message)
        {
        }

        public override void WriteWarningLine(string message)
        {
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new NotSupportedException();

        public override string ReadLine() => throw new NotSupportedException();

        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
    }
}
