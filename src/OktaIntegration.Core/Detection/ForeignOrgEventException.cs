using System;

namespace OktaIntegration.Core.Detection;

/// <summary>
/// An event read from one org was given to a detection run for another. Baselines, windows and
/// findings are per org, and findings carry no org: mixing two orgs' events would teach one org's
/// baselines the other's sign-ins, and a finding piped on to a response cmdlet would act in the
/// wrong org. The run stops before anything is saved.
/// </summary>
public sealed class ForeignOrgEventException : InvalidOperationException
{
    public ForeignOrgEventException(string eventOrg, string runOrg)
        : base($"An event read from {eventOrg} was given to a detection run for {runOrg}. Pass -Connection for the org the events come from (and a -StatePath of that org's own), or run Find-OktaThreat once per org.")
    {
        EventOrg = eventOrg;
        RunOrg = runOrg;
    }

    public string EventOrg { get; }

    public string RunOrg { get; }
}
