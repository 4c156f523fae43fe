namespace OktaIntegration.Core.SystemLog;

/// <summary>Okta's sortOrder: by published time. Only ascending without an end time is a polling (tail) query.</summary>
public enum LogSortOrder
{
    Ascending,
    Descending,
}
