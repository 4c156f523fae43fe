namespace OktaIntegration.Infrastructure;

public static partial class ErrorIds
{
    // SIEM forwarding
    public const string InvalidSiemEvent = "OktaInvalidSiemEvent";
    public const string SchemaHasNoFindingClass = "OktaSchemaHasNoFindingClass";
    public const string ExportFailed = "OktaExportFailed";
    public const string InvalidDestination = "OktaInvalidDestination";
}
