using System;
using OktaIntegration.Core.Groups;
using Xunit;

namespace OktaIntegration.Tests.Groups;

/// <summary>How Get-OktaGroup's parameters become one listGroups request (pure, no HTTP).</summary>
public class GroupQueryTests
{
    [Theory]
    [InlineData("TL-Admins", null, null, "search=profile.name eq \"TL-Admins\"")]
    [InlineData("TL-*", null, null, "search=profile.name sw \"TL-\"")]
    [InlineData("TL-*", OktaGroupType.OKTA_GROUP, null, "search=profile.name sw \"TL-\" and type eq \"OKTA_GROUP\"")]
    [InlineData("*Admins", null, null, null)]
    [InlineData(null, OktaGroupType.APP_GROUP, null, "filter=type eq \"APP_GROUP\"")]
    [InlineData("TL-*", null, "lastUpdated gt \"2026-01-01T00:00:00.000Z\"", "filter=lastUpdated gt \"2026-01-01T00:00:00.000Z\"")]
    [InlineData("Say \"hi\"", null, null, "search=profile.name eq \"Say \\\"hi\\\"\"")]
    public void Parameters_become_one_request_with_limit_200_and_stats(string? name, OktaGroupType? type, string? filter, string? expected)
    {
        var (pathAndQuery, _) = new GroupQuery { Name = name, Type = type, Filter = filter }.Build();
        var query = Uri.UnescapeDataString(pathAndQuery);
        Assert.StartsWith("api/v1/groups?limit=200", query);
        Assert.EndsWith("&expand=stats", query);
        if (expected != null) Assert.Contains(expected, query);
        else Assert.DoesNotContain("search=", query);
        Assert.False(query.Contains("search=") && query.Contains("filter="));
    }

    [Fact]
    public void The_local_check_applies_wildcards_the_server_could_not()
    {
        var (_, matches) = new GroupQuery { Name = "*Admins" }.Build();
        Assert.True(matches(Group("Domain Admins")));
        Assert.False(matches(Group("Admins Only")));
        var (_, withFilter) = new GroupQuery { Name = "TL-*", Filter = "type eq \"OKTA_GROUP\"" }.Build();
        Assert.True(withFilter(Group("tl-admins")));
        Assert.False(withFilter(Group("Engineering")));
    }

    [Theory]
    [InlineData("TL-*", "TL-", true)]
    [InlineData("TL-?x*", "TL-", false)]
    [InlineData("*", "", true)]
    [InlineData("a`*b*", "a*b", true)]
    [InlineData("[AB]dmins", "", false)]
    public void Wildcards_expose_the_literal_prefix_a_sw_search_can_use(string pattern, string prefix, bool prefixOnly)
    {
        var wildcard = new NameWildcard(pattern);
        Assert.Equal(prefix, wildcard.LiteralPrefix);
        Assert.Equal(prefixOnly, wildcard.IsPrefixOnly);
    }

    [Fact]
    public void Wildcards_match_like_PowerShell_ignoring_case()
    {
        Assert.True(new NameWildcard("[ab]dmins").IsMatch("Admins"));
        Assert.True(new NameWildcard("a`*b").IsMatch("A*B"));
        Assert.False(new NameWildcard("a`*b").IsMatch("axb"));
        Assert.True(new NameWildcard("plain").IsMatch("PLAIN"));
        Assert.False(new NameWildcard("plain").IsMatch("plainer"));
    }

    private static OktaGroup Group(string name) =>
        new("00g00000000000000000", name, null, "OKTA_GROUP", null, null, null, null, null, null, new ActiveDirectoryAttributes());
}
