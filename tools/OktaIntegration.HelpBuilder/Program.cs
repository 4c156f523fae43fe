using System;
using System.IO;
using System.Linq;
using OktaIntegration.HelpBuilder;
using OktaIntegration.Infrastructure;

// dotnet run --project tools/OktaIntegration.HelpBuilder -- --docs docs --output out/OktaIntegration/en-US/OktaIntegration.dll-Help.xml [--strict]
// Gaps in the docs are printed as warnings (or fail the run with --strict); the xunit test
// HelpTests fails on them, so the build still produces help while someone writes the missing words.
string? docs = null;
string? output = null;
var strict = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--docs" when i + 1 < args.Length: docs = args[++i]; break;
        case "--output" when i + 1 < args.Length: output = args[++i]; break;
        case "--strict": strict = true; break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: --docs <docs folder> --output <help xml> [--strict]");
            return 2;
    }
}
if (docs == null || output == null)
{
    Console.Error.WriteLine("Usage: --docs <docs folder> --output <help xml> [--strict]");
    return 2;
}

try
{
    var shapes = CmdletShape.FromAssembly(typeof(OktaCmdlet).Assembly);
    var cmdletDocs = CmdletDocParser.ParseDirectory(Path.Combine(docs, "cmdlets"));
    var problems = HelpCompleteness.Check(shapes, cmdletDocs);
    foreach (var problem in problems) Console.Error.WriteLine($"warning: help: {problem}");
    MamlWriter.Write(shapes.Select(s => (s, cmdletDocs.FirstOrDefault(d => string.Equals(d.Name, s.Name, StringComparison.OrdinalIgnoreCase)))), output);
    Console.WriteLine($"Wrote help for {shapes.Count} cmdlets to {output}.");
    return strict && problems.Count > 0 ? 1 : 0;
}
catch (FormatException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}
