using System;
using System.Collections;
using System.IO;
using System.Linq;
using OktaIntegration.Core.RoleSync;
using Xunit;

namespace OktaIntegration.Tests.RoleSync;

public class RoleMappingParserTests
{
    [Fact]
    public void Hashtable_values_may_be_one_role_or_several()
    {
        var mapping = RoleMappingParser.FromDictionary(new Hashtable { ["TL-Admins"] = "Administrator", ["TL-Helpdesk"] = new object[] { "Helpdesk", "Read Only" } });
        Assert.Equal(new[] { "Administrator" }, mapping.Entries.Single(e => e.GroupKey == "TL-Admins").Roles);
        Assert.Equal(new[] { "Helpdesk", "Read Only" }, mapping.Entries.Single(e => e.GroupKey == "TL-Helpdesk").Roles);
        Assert.Equal(3, mapping.Roles.Count);
    }

    [Fact]
    public void Group_ids_are_told_from_names()
    {
        var mapping = RoleMappingParser.FromDictionary(new Hashtable { ["00gAbCdEfGhIjKlMnOpQ"] = "R", ["00g short"] = "R" });
        Assert.True(mapping.Entries.Single(e => e.GroupKey == "00gAbCdEfGhIjKlMnOpQ").IsGroupId);
        Assert.False(mapping.Entries.Single(e => e.GroupKey == "00g short").IsGroupId);
    }

    [Fact]
    public void Json_object_and_array_forms()
    {
        var asObject = RoleMappingParser.FromJson("{ \"TL-Admins\": \"Administrator\", \"TL-Helpdesk\": [\"Helpdesk\", \"Read Only\"] }");
        var asArray = RoleMappingParser.FromJson("[ { \"group\": \"TL-Admins\", \"roles\": [\"Administrator\"] }, { \"Group\": \"TL-Helpdesk\", \"Role\": \"Helpdesk\" } ]");
        Assert.Equal(2, asObject.Entries.Count);
        Assert.Equal(new[] { "Helpdesk", "Read Only" }, asObject.Entries[1].Roles);
        Assert.Equal(new[] { "Helpdesk" }, asArray.Entries[1].Roles);
    }

    [Fact]
    public void Csv_rows_with_quotes_and_semicolon_lists_merge_per_group()
    {
        var csv = "\uFEFFGroup,Role\r\nTL-Admins,Administrator\r\n\"Security Operations, EU\",\"Helpdesk;Read Only\"\r\nTL-Admins,Auditor\r\n";
        var mapping = RoleMappingParser.FromCsv(csv);
        Assert.Equal(new[] { "Administrator", "Auditor" }, mapping.Entries.Single(e => e.GroupKey == "TL-Admins").Roles);
        Assert.Equal(new[] { "Helpdesk", "Read Only" }, mapping.Entries.Single(e => e.GroupKey == "Security Operations, EU").Roles);
    }

    [Theory]
    [InlineData("{ \"TL-Admins\": 5 }", "must be a string or a list")]
    [InlineData("{ \"TL-Admins\": [] }", "names no role")]
    [InlineData("{ }", "empty")]
    [InlineData("{ \"TL-Admins\": ", "not valid JSON")]
    [InlineData("[ { \"roles\": [\"x\"] } ]", "needs a \"group\"")]
    public void Bad_json_says_what_is_wrong(string json, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => RoleMappingParser.FromJson(json, "roles.json"));
        Assert.Contains(expected, ex.Message);
    }

    [Theory]
    [InlineData("Name,Value\nA,B\n", "'Group' and a 'Role' column")]
    [InlineData("Group,Role\nTL-Admins,\n", "Row 2")]
    [InlineData("Group,Role\n,Admin\n", "empty Group")]
    public void Bad_csv_says_what_is_wrong(string csv, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => RoleMappingParser.FromCsv(csv, "roles.csv"));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Files_are_read_by_extension()
    {
        var folder = Directory.CreateTempSubdirectory("okta-mapping-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "m.csv"), "Group,Role\nTL-Admins,Administrator\n");
            File.WriteAllText(Path.Combine(folder, "m.txt"), "x");
            Assert.Equal("TL-Admins", RoleMappingParser.FromFile(Path.Combine(folder, "m.csv")).Entries[0].GroupKey);
            Assert.Contains(".json or .csv", Assert.Throws<ArgumentException>(() => RoleMappingParser.FromFile(Path.Combine(folder, "m.txt"))).Message);
            Assert.Throws<FileNotFoundException>(() => RoleMappingParser.FromFile(Path.Combine(folder, "missing.json")));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
