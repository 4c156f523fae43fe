namespace OktaIntegration.Infrastructure;

public static partial class ErrorIds
{
    // Invoke-OktaRestMethod
    public const string CrossOriginUrl = "OktaCrossOriginUrl";
}
