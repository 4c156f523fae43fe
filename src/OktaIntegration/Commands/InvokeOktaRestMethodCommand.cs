using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Rest;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Calls any Okta API path through the current connection: the escape hatch for what no cmdlet covers.</para>
/// <para type="description">Sends the request with the connection's authentication (SSWS, OAuth, DPoP), pacing, retries and origin guard, and writes the parsed JSON as objects. -All follows next links of a list.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "OktaRestMethod", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Invoke-OktaRestMethod.md")]
[OutputType(typeof(PSObject), typeof(string))]
public sealed class InvokeOktaRestMethodCommand : OktaConnectedCmdlet
{
    private const string ObjectOutput = "PSObject";
    private const string JsonOutput = "Json";

    /// <summary>An API path such as /api/v1/users?limit=200, or an absolute URL on the connected org.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Uri", "Url")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The HTTP method; GET by default.</summary>
    [Parameter(Position = 1)]
    [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", IgnoreCase = true)]
    public string Method { get; set; } = "GET";

    /// <summary>The request body: a hashtable or object (sent as JSON) or a JSON string (sent as given).</summary>
    [Parameter]
    public object? Body { get; set; }

    /// <summary>Follow every rel="next" link of a GET and write the items of all pages.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>PSObject (default): parsed JSON, one object per item of a JSON array. Json: each response body as a string.</summary>
    [Parameter]
    [ValidateSet(ObjectOutput, JsonOutput, IgnoreCase = true)]
    public string OutputType { get; set; } = ObjectOutput;

    protected override void ProcessRecord()
    {
        var client = new OktaRestClient(ActiveConnection.Transport);
        var method = ParseMethod(Method);
        Uri uri;
        string? body;
        try
        {
            uri = client.Resolve(Path!);
            body = Body == null ? null : Body is string text ? text : PlainJson.Serialize(ToPlain(Body));
        }
        catch (CrossOriginException ex)
        {
            Terminate(ex, Path, ErrorIds.CrossOriginUrl);
            return;
        }
        catch (ArgumentException ex)
        {
            Terminate(ex, Path);
            return;
        }

        if (method != HttpMethodKind.Get && !ShouldProcess(uri.GetLeftPart(UriPartial.Path), method.ToString().ToUpperInvariant()))
        {
            return;
        }

        try
        {
            Uri? next = uri;
            while (next != null)
            {
                var current = next;
                var response = Run(ct => client.SendAsync(method, current, body, ct));
                WriteBody(response.Body);
                next = All && method == HttpMethodKind.Get && response.NextLink != null && response.NextLink != current ? response.NextLink : null;
            }
        }
        catch (CrossOriginException ex)
        {
            Terminate(ex, Path);
        }
        catch (OktaApiException ex)
        {
            Terminate(ex, Path);
        }
        catch (ResponseBodyException ex)
        {
            Terminate(ex, Path);
        }
    }

    private void WriteBody(string body)
    {
        if (string.Equals(OutputType, JsonOutput, StringComparison.OrdinalIgnoreCase))
        {
            if (body.Length > 0) WriteObject(body);
            return;
        }
        if (body.Trim().Length == 0) return;
        // A top-level array is written item by item, so -All and the pipeline see items, not pages.
        WriteObject(ToPowerShell(PlainJson.Parse(body)), enumerateCollection: true);
    }

    private static HttpMethodKind ParseMethod(string method) => method.ToUpperInvariant() switch
    {
        "POST" => HttpMethodKind.Post,
        "PUT" => HttpMethodKind.Put,
        "PATCH" => HttpMethodKind.Patch,
        "DELETE" => HttpMethodKind.Delete,
        _ => HttpMethodKind.Get,
    };

    /// <summary>Parsed JSON as PowerShell sees it: objects become PSCustomObjects, arrays object[].</summary>
    private static object? ToPowerShell(object? value)
    {
        switch (value)
        {
            case JsonObjectValues properties:
                var result = new PSObject();
                foreach (var property in properties) result.Properties.Add(new PSNoteProperty(property.Key, ToPowerShell(property.Value)));
                return result;
            case JsonArrayValues items:
                var array = new object?[items.Count];
                for (var i = 0; i < items.Count; i++) array[i] = ToPowerShell(items[i]);
                return array;
            default:
                return value;
        }
    }

    /// <summary>A body from PowerShell (hashtables, PSCustomObjects, arrays, wrapped values) as plain values for the serializer.</summary>
    private static object? ToPlain(object? value)
    {
        if (value is PSObject wrapped)
        {
            if (wrapped.BaseObject is PSCustomObject)
            {
                var properties = new JsonObjectValues();
                foreach (var property in wrapped.Properties) properties.Add(new KeyValuePair<string, object?>(property.Name, ToPlain(property.Value)));
                return properties;
            }
            value = wrapped.BaseObject;
        }
        switch (value)
        {
            case null:
                return null;
            case string:
                return value;
            case IDictionary dictionary:
                var entries = new JsonObjectValues();
                foreach (DictionaryEntry entry in dictionary) entries.Add(new KeyValuePair<string, object?>(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, ToPlain(entry.Value)));
                return entries;
            case IEnumerable sequence:
                var items = new JsonArrayValues();
                foreach (var item in sequence) items.Add(ToPlain(item));
                return items;
            default:
                return value;
        }
    }
}
