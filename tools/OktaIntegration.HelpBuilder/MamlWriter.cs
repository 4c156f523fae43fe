using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace OktaIntegration.HelpBuilder;

/// <summary>
/// Writes the MAML document Get-Help reads for a binary module (OktaIntegration.dll-Help.xml):
/// details, description, one syntax item per parameter set, parameters, inputs, outputs, notes,
/// examples and related links, in the element layout of PowerShell's own help files.
/// </summary>
public static class MamlWriter
{
    public const string MshNamespace = "http://msh";
    public const string MamlNamespace = "http://schemas.microsoft.com/maml/2004/10";
    public const string CommandNamespace = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public const string DevNamespace = "http://schemas.microsoft.com/maml/dev/2004/10";

    private static readonly Dictionary<string, string> ShouldProcessText = new()
    {
        ["WhatIf"] = "Shows what would happen if the cmdlet runs. Nothing is changed and no changing request is sent.",
        ["Confirm"] = "Prompts you for confirmation before each change. -Confirm:$false applies without prompting (for scheduled tasks).",
    };

    public static void Write(IEnumerable<(CmdletShape Shape, CmdletDoc? Doc)> commands, string outputPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        Directory.CreateDirectory(directory);
        // Written beside the target and renamed over it, so a failed build never leaves half a help file.
        var temporary = outputPath + ".tmp";
        using (var stream = File.Create(temporary))
        {
            Write(commands, stream);
        }
        File.Move(temporary, outputPath, overwrite: true);
    }

    public static void Write(IEnumerable<(CmdletShape Shape, CmdletDoc? Doc)> commands, Stream stream)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using var xml = XmlWriter.Create(stream, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("helpItems", MshNamespace);
        xml.WriteAttributeString("schema", "maml");
        foreach (var (shape, doc) in commands) WriteCommand(xml, shape, doc);
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteCommand(XmlWriter xml, CmdletShape shape, CmdletDoc? doc)
    {
        xml.WriteStartElement("command", "command", CommandNamespace);
        xml.WriteAttributeString("xmlns", "maml", null, MamlNamespace);
        xml.WriteAttributeString("xmlns", "dev", null, DevNamespace);

        xml.WriteStartElement("command", "details", CommandNamespace);
        xml.WriteElementString("command", "name", CommandNamespace, shape.Name);
        WriteParagraphs(xml, "description", new[] { doc?.Synopsis ?? string.Empty });
        xml.WriteElementString("command", "verb", CommandNamespace, shape.Verb);
        xml.WriteElementString("command", "noun", CommandNamespace, shape.Noun);
        xml.WriteEndElement();

        WriteParagraphs(xml, "description", doc?.Description ?? new List<string>());

        xml.WriteStartElement("command", "syntax", CommandNamespace);
        foreach (var set in shape.ParameterSets)
        {
            xml.WriteStartElement("command", "syntaxItem", CommandNamespace);
            xml.WriteElementString("maml", "name", MamlNamespace, shape.Name);
            foreach (var (parameter, use) in shape.ParametersIn(set).Where(p => !p.Parameter.DontShow)
                         .OrderBy(p => p.Use.Position < 0 ? int.MaxValue : p.Use.Position))
            {
                WriteParameter(xml, parameter, use, doc, inSyntax: true);
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        xml.WriteStartElement("command", "parameters", CommandNamespace);
        foreach (var parameter in shape.Parameters.Where(p => !p.DontShow).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            WriteParameter(xml, parameter, parameter.Sets[0] with { Mandatory = parameter.IsMandatorySomewhere }, doc, inSyntax: false);
        }
        xml.WriteEndElement();

        xml.WriteStartElement("command", "inputTypes", CommandNamespace);
        foreach (var input in doc?.Inputs ?? new List<TypeDoc>())
        {
            xml.WriteStartElement("command", "inputType", CommandNamespace);
            WriteType(xml, input.TypeName);
            WriteParagraphs(xml, "description", input.Description);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        xml.WriteStartElement("command", "returnValues", CommandNamespace);
        foreach (var output in doc?.Outputs ?? new List<TypeDoc>())
        {
            xml.WriteStartElement("command", "returnValue", CommandNamespace);
            WriteType(xml, output.TypeName);
            WriteParagraphs(xml, "description", output.Description);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        xml.WriteStartElement("maml", "alertSet", MamlNamespace);
        xml.WriteStartElement("maml", "alert", MamlNamespace);
        foreach (var note in doc?.Notes ?? new List<string>()) xml.WriteElementString("maml", "para", MamlNamespace, Plain(note));
        xml.WriteEndElement();
        xml.WriteEndElement();

        xml.WriteStartElement("command", "examples", CommandNamespace);
        foreach (var example in doc?.Examples ?? new List<ExampleDoc>())
        {
            xml.WriteStartElement("command", "example", CommandNamespace);
            xml.WriteElementString("maml", "title", MamlNamespace, $"-------------------------- {example.Title} --------------------------");
            xml.WriteElementString("dev", "code", DevNamespace, example.Code);
            xml.WriteStartElement("dev", "remarks", DevNamespace);
            foreach (var remark in example.Remarks) xml.WriteElementString("maml", "para", MamlNamespace, Plain(remark));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        xml.WriteStartElement("command", "relatedLinks", CommandNamespace);
        foreach (var link in doc?.RelatedLinks ?? new List<string>())
        {
            var match = Regex.Match(link, @"^\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)$");
            var text = match.Success ? match.Groups["text"].Value : link;
            var uri = match.Success && Uri.IsWellFormedUriString(match.Groups["uri"].Value, UriKind.Absolute) ? match.Groups["uri"].Value : string.Empty;
            xml.WriteStartElement("maml", "navigationLink", MamlNamespace);
            xml.WriteElementString("maml", "linkText", MamlNamespace, text);
            xml.WriteElementString("maml", "uri", MamlNamespace, uri);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        xml.WriteEndElement();
    }

    private static void WriteParameter(XmlWriter xml, ParameterShape parameter, ParameterSetUse use, CmdletDoc? doc, bool inSyntax)
    {
        var isSwitch = parameter.Type == typeof(SwitchParameter);
        xml.WriteStartElement("command", "parameter", CommandNamespace);
        xml.WriteAttributeString("required", use.Mandatory ? "true" : "false");
        xml.WriteAttributeString("variableLength", "true");
        xml.WriteAttributeString("globbing", parameter.SupportsWildcards ? "true" : "false");
        xml.WriteAttributeString("pipelineInput", PipelineText(parameter, inSyntax ? use : null));
        xml.WriteAttributeString("position", inSyntax ? (use.Position >= 0 ? use.Position.ToString(System.Globalization.CultureInfo.InvariantCulture) : "named") : parameter.PositionText);
        xml.WriteAttributeString("aliases", parameter.Aliases.Count > 0 ? string.Join(", ", parameter.Aliases) : "none");
        xml.WriteElementString("maml", "name", MamlNamespace, parameter.Name);
        var text = doc != null && doc.Parameters.TryGetValue(parameter.Name, out var paragraphs) ? paragraphs
            : ShouldProcessText.TryGetValue(parameter.Name, out var standard) ? new List<string> { standard }
            : new List<string>();
        WriteParagraphs(xml, "description", text);
        if (!isSwitch || !inSyntax)
        {
            xml.WriteStartElement("command", "parameterValue", CommandNamespace);
            xml.WriteAttributeString("required", isSwitch ? "false" : "true");
            xml.WriteAttributeString("variableLength", "false");
            xml.WriteString(FriendlyName(parameter.Type));
            xml.WriteEndElement();
        }
        xml.WriteStartElement("dev", "type", DevNamespace);
        xml.WriteElementString("maml", "name", MamlNamespace, FullName(parameter.Type));
        xml.WriteElementString("maml", "uri", MamlNamespace, string.Empty);
        xml.WriteEndElement();
        xml.WriteElementString("dev", "defaultValue", DevNamespace, isSwitch ? "False" : "None");
        xml.WriteEndElement();
    }

    private static string PipelineText(ParameterShape parameter, ParameterSetUse? use)
    {
        var byValue = use?.ValueFromPipeline ?? parameter.FromPipeline;
        var byName = use?.ValueFromPipelineByPropertyName ?? parameter.FromPipelineByPropertyName;
        if (byValue && byName) return "True (ByValue, ByPropertyName)";
        if (byValue) return "True (ByValue)";
        if (byName) return "True (ByPropertyName)";
        return "False";
    }

    private static void WriteType(XmlWriter xml, string typeName)
    {
        xml.WriteStartElement("dev", "type", DevNamespace);
        xml.WriteElementString("maml", "name", MamlNamespace, typeName);
        xml.WriteElementString("maml", "uri", MamlNamespace, string.Empty);
        xml.WriteEndElement();
    }

    private static void WriteParagraphs(XmlWriter xml, string element, IEnumerable<string> paragraphs)
    {
        xml.WriteStartElement("maml", element, MamlNamespace);
        foreach (var paragraph in paragraphs) xml.WriteElementString("maml", "para", MamlNamespace, Plain(paragraph));
        xml.WriteEndElement();
    }

    /// <summary>Get-Help prints plain text: inline code marks and link syntax are reduced to their words.</summary>
    public static string Plain(string markdown)
    {
        var text = Regex.Replace(markdown, @"\[([^\]]+)\]\([^)]*\)", "$1");
        text = text.Replace("`", string.Empty);
        return Regex.Replace(text, @"\*\*([^*]+)\*\*", "$1");
    }

    public static string FriendlyName(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsArray) return FriendlyName(underlying.GetElementType()!) + "[]";
        return underlying.Name;
    }

    private static string FullName(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.FullName ?? underlying.Name;
    }
}
