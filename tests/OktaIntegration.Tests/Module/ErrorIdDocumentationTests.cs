using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using OktaIntegration.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Module;

/// <summary>Every error id (all ErrorIds*.cs partials) is listed in docs/error-ids.md, and ids are unique.</summary>
public sealed class ErrorIdDocumentationTests
{
    private static string[] Ids() => typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    [Fact]
    public void EveryErrorIdIsDocumented()
    {
        var documented = Regex.Matches(File.ReadAllText(RepositoryPaths.ErrorIdDoc), @"^\| `(?<id>[A-Za-z]+)` \|", RegexOptions.Multiline)
            .Select(m => m.Groups["id"].Value).ToHashSet();
        var missing = Ids().Where(id => !documented.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "Add a row to docs/error-ids.md for: " + string.Join(", ", missing));
    }

    [Fact]
    public void ErrorIdsAreUniquePascalCaseAndPrefixed()
    {
        var ids = Ids();
        Assert.NotEmpty(ids);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^Okta[A-Z][A-Za-z0-9]+$", id));
    }
}
