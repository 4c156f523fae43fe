using System.Management.Automation;

namespace OktaIntegration.Infrastructure;

// Every error record a cmdlet writes passes through here, so whichever way a cmdlet builds it
// (ErrorRecords.From, ResponseErrorRecords, or new ErrorRecord(coreException, ...)), a script can
// catch it by a type it can name: OktaIntegration.OktaException and its kinds (see PublicErrors).
// These hide Cmdlet's methods of the same name for every class deriving from OktaCmdlet.
public abstract partial class OktaCmdlet
{
    /// <summary>Writes a non-terminating error, its Core exception replaced by a public one.</summary>
    public new void WriteError(ErrorRecord errorRecord) => base.WriteError(PublicErrors.Wrap(errorRecord));

    /// <summary>Stops the cmdlet with an error, its Core exception replaced by a public one.</summary>
    public new void ThrowTerminatingError(ErrorRecord errorRecord) => base.ThrowTerminatingError(PublicErrors.Wrap(errorRecord));
}
