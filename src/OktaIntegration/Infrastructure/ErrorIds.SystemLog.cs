namespace OktaIntegration.Infrastructure;

public static partial class ErrorIds
{
    // System Log
    public const string InvalidSystemLogQuery = "OktaInvalidSystemLogQuery";
    public const string CursorInUse = "OktaCursorInUse";
    public const string CursorMismatch = "OktaCursorMismatch";
    public const string CursorUnreadable = "OktaCursorUnreadable";
}
