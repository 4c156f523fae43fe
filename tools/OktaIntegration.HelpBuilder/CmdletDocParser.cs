using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace OktaIntegration.HelpBuilder;

/// <summary>
/// Reads the deliberately small markdown dialect of docs/cmdlets (described in
/// docs/cmdlets/README.md): a "# Verb-Noun" title, then "## Synopsis", "## Description",
/// "## Parameters" (one "### -Name" each), "## Inputs" and "## Outputs" (one "### TypeName" each),
/// "## Examples" (one "### Example N: title" each, a ```powershell fence, then remarks),
/// "## Notes" and "## Related links" (a "- " list). Paragraphs are separated by blank lines.
/// Anything else is an error naming the file and line, so a typo never silently drops help.
/// </summary>
public static class CmdletDocParser
{
    public static CmdletDoc ParseFile(string path) => Parse(File.ReadAllText(path), path);

    public static CmdletDoc Parse(string markdown, string sourcePath)
    {
        var doc = new CmdletDoc { SourcePath = sourcePath };
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        string? section = null;
        var paragraph = new StringBuilder();
        List<string>? target = null;
        ExampleState? example = null;
        var synopsis = new List<string>();

        void FlushParagraph()
        {
            var text = paragraph.ToString().Trim();
            paragraph.Clear();
            if (text.Length == 0) return;
            if (target == null) throw Error(sourcePath, 0, $"text outside a section: '{Shorten(text)}'");
            target.Add(text);
        }

        void FlushExample()
        {
            if (example == null) return;
            if (example.Code == null) throw Error(sourcePath, example.Line, $"example '{example.Title}' has no ```powershell code block");
            doc.Examples.Add(new ExampleDoc(example.Title, example.Code, example.Remarks));
            example = null;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var lineNumber = i + 1;
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                if (section != "examples" || example == null) throw Error(sourcePath, lineNumber, "code blocks belong to an example under '## Examples'");
                FlushParagraph();
                var code = new StringBuilder();
                for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++) code.AppendLine(lines[i]);
                if (i >= lines.Length) throw Error(sourcePath, lineNumber, "code block is not closed with ```");
                if (example.Code != null) throw Error(sourcePath, lineNumber, $"example '{example.Title}' has more than one code block");
                example.Code = code.ToString().TrimEnd();
                target = example.Remarks;
                continue;
            }
            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                FlushParagraph();
                if (doc.Name.Length > 0) throw Error(sourcePath, lineNumber, "a second '# ' title");
                doc.Name = line.Substring(2).Trim();
                continue;
            }
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                FlushParagraph();
                FlushExample();
                section = line.Substring(3).Trim().ToLowerInvariant();
                target = section switch
                {
                    "synopsis" => synopsis,
                    "description" => doc.Description,
                    "notes" => doc.Notes,
                    "related links" => doc.RelatedLinks,
                    "parameters" or "inputs" or "outputs" or "examples" => null,
                    _ => throw Error(sourcePath, lineNumber, $"unknown section '{line.Trim()}' (see docs/cmdlets/README.md)"),
                };
                continue;
            }
            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                FlushParagraph();
                FlushExample();
                var item = line.Substring(4).Trim();
                switch (section)
                {
                    case "parameters":
                        if (!item.StartsWith("-", StringComparison.Ordinal)) throw Error(sourcePath, lineNumber, $"parameter headings look like '### -Name', not '{line.Trim()}'");
                        var name = item.Substring(1);
                        if (doc.Parameters.ContainsKey(name)) throw Error(sourcePath, lineNumber, $"parameter -{name} is documented twice");
                        target = doc.Parameters[name] = new List<string>();
                        break;
                    case "inputs":
                        target = new List<string>();
                        doc.Inputs.Add(new TypeDoc(item, target));
                        break;
                    case "outputs":
                        target = new List<string>();
                        doc.Outputs.Add(new TypeDoc(item, target));
                        break;
                    case "examples":
                        example = new ExampleState(item, lineNumber);
                        target = example.Remarks;
                        break;
                    default:
                        throw Error(sourcePath, lineNumber, $"'### ' headings belong under Parameters, Inputs, Outputs or Examples, not '{section ?? "(none)"}'");
                }
                continue;
            }
            if (section == "related links" && line.TrimStart().StartsWith("- ", StringComparison.Ordinal))
            {
                FlushParagraph();
                doc.RelatedLinks.Add(line.TrimStart().Substring(2).Trim());
                continue;
            }
            if (line.Trim().Length == 0)
            {
                FlushParagraph();
                continue;
            }
            if (paragraph.Length > 0) paragraph.Append(' ');
            paragraph.Append(line.Trim());
        }
        FlushParagraph();
        FlushExample();
        if (doc.Name.Length == 0) throw Error(sourcePath, 1, "no '# Verb-Noun' title");
        doc.Synopsis = string.Join(" ", synopsis);
        return doc;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 60) + "…";

    private static FormatException Error(string path, int line, string message) =>
        new($"{Path.GetFileName(path)}{(line > 0 ? ":" + line : string.Empty)}: {message}.");

    private sealed class ExampleState
    {
        public ExampleState(string title, int line)
        {
            Title = title;
            Line = line;
        }

        public string Title { get; }

        public int Line { get; }

        public string? Code { get; set; }

        public List<string> Remarks { get; } = new();
    }

    /// <summary>Every docs/cmdlets/*.md except the README that describes the format.</summary>
    public static IReadOnlyList<CmdletDoc> ParseDirectory(string directory) =>
        Directory.GetFiles(directory, "*.md")
            .Where(f => !string.Equals(Path.GetFileName(f), "README.md", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(ParseFile)
            .ToList();
}
