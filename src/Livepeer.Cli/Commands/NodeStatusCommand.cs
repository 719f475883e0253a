using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Livepeer.Cli.Commands;

/// <summary>`livepeer orchestrator|transcoder|broadcaster|chain status`: reads a running node's GET /status and prints it.</summary>
public static class NodeStatusCommand
{
    /// <summary>Builds the `status` subcommand of a node command.</summary>
    /// <param name="role">The node's role as the user knows it (orchestrator, transcoder, broadcaster, ledger).</param>
    /// <param name="defaultAddress">Where the node listens by default.</param>
    /// <param name="startHint">The command that starts such a node, for the error when none answers.</param>
    public static Command Create(string role, string defaultAddress, string startHint)
    {
        var addr = new Option<string>("--addr") { Description = $"The {role}'s address", DefaultValueFactory = _ => defaultAddress, HelpName = "URI" };
        var command = new Command("status", $"Show a running {role}'s status (GET /status); --json prints the document as served") { addr };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var text = parse.GetValue(addr)!;
            if (!Uri.TryCreate(text.Contains("://", StringComparison.Ordinal) ? text : DefaultScheme(defaultAddress) + text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new CliException($"--addr '{text}' is not an http(s) address; pass e.g. {defaultAddress}.", CliException.Usage);
            var document = await FetchAsync(uri, startHint, ct);
            if (parse.GetValue<bool>("--json")) Console.WriteLine(document.ToJsonString());
            else Console.Write(Human(role, uri, document));
            return 0;
        }));
        return command;
    }

    private static string DefaultScheme(string defaultAddress) => defaultAddress[..(defaultAddress.IndexOf("://", StringComparison.Ordinal) + 3)];

    /// <summary>GETs {uri}/status; the orchestrator's certificate is self-signed (its identity is its Ethereum address), so any certificate is accepted.</summary>
    internal static async Task<JsonObject> FetchAsync(Uri uri, string startHint, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true }, ConnectTimeout = TimeSpan.FromSeconds(5) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(15) };
        HttpResponseMessage response;
        try { response = await http.GetAsync(new Uri(uri, "/status"), ct); }
        catch (HttpRequestException e) when (e.InnerException is SocketException || e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new CliException($"no node answers at {uri}: start it with `{startHint}` (or pass --addr where it listens).");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CliException($"the node at {uri} did not answer within 15 s.");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new CliException($"{uri}status answered {(int)response.StatusCode} {response.ReasonPhrase}: is --addr pointing at a livepeer node of this version?");
            try { return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)) as JsonObject ?? throw new JsonException("not a JSON object"); }
            catch (JsonException e) { throw new CliException($"{uri}status did not answer a JSON status document ({e.Message})."); }
        }
    }

    /// <summary>One line per fact, nested objects indented, lists one item per line.</summary>
    internal static string Human(string role, Uri uri, JsonObject document)
    {
        var text = new StringBuilder();
        var title = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(role);
        if (document["address"] is JsonValue address && role == "orchestrator")
            text.AppendLine(CultureInfo.InvariantCulture, $"{title} {address} at {uri} (its identity is its Ethereum address; the TLS certificate is self-signed)");
        else
            text.AppendLine(CultureInfo.InvariantCulture, $"{title} at {uri}");
        Append(text, document, "  ");
        return text.ToString();
    }

    private static void Append(StringBuilder text, JsonObject obj, string indent)
    {
        foreach (var (key, value) in obj)
        {
            if (key == "role") continue;
            switch (value)
            {
                case JsonObject nested:
                    text.AppendLine(CultureInfo.InvariantCulture, $"{indent}{key}:");
                    Append(text, nested, indent + "  ");
                    break;
                case JsonArray list:
                    text.AppendLine(CultureInfo.InvariantCulture, $"{indent}{key}: {(list.Count == 0 ? "none" : list.Count.ToString(CultureInfo.InvariantCulture))}");
                    foreach (var item in list)
                        text.AppendLine(CultureInfo.InvariantCulture, $"{indent}  - {(item is JsonObject o ? string.Join(", ", o.Select(p => $"{p.Key} {Scalar(p.Value)}")) : Scalar(item))}");
                    break;
                default:
                    text.AppendLine(CultureInfo.InvariantCulture, $"{indent}{key}: {Scalar(value)}");
                    break;
            }
        }
    }

    private static string Scalar(JsonNode? value) => value switch
    {
        null => "-",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonObject or JsonArray => value.ToJsonString(),
        _ => value.ToJsonString(),
    };
}
