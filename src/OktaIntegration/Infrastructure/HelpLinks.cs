namespace OktaIntegration.Infrastructure;

/// <summary>
/// Where the module's documentation lives online, in one place. Every cmdlet names its page with
/// <c>[Cmdlet(..., HelpUri = HelpLinks.Base + "Verb-Noun.md")]</c>, which is what
/// <c>Get-Help Verb-Noun -Online</c> opens (the generated MAML has no link of its own, so
/// PowerShell falls back to the attribute). The manifest's ProjectUri, LicenseUri and HelpInfoUri
/// use the same project home; tests check both (HelpUriTests, ManifestGalleryTests).
/// </summary>
public static class HelpLinks
{
    /// <summary>The project's home page (a placeholder until the repository is public).</summary>
    public const string ProjectHome = "https://github.com/oktaintegration/OktaIntegration";

    /// <summary>The folder of the cmdlet pages, docs/cmdlets/ on the main branch; append "Verb-Noun.md".</summary>
    public const string Base = ProjectHome + "/blob/main/docs/cmdlets/";
}
