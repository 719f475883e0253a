using System.CommandLine;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Livepeer.Node.Control;

namespace Livepeer.Cli.Commands;

/// <summary>
/// `livepeer control orchestrator|broadcaster ...`: changes a running node through its control port without a restart —
/// the orchestrator's price (also per broadcaster) and max sessions, the broadcaster's ladder and max price — and lists
/// its sessions. --json prints the node's answer as served.
/// </summary>
public static class ControlCommands
{
    /// <summary>Builds `livepeer control`.</summary>
    public static Command Create()
    {
        var control = new Command("control", "Change a running node without a restart (price, max sessions, ladder, max price) and list its sessions, through its control port");
        control.Subcommands.Add(Orchestrator());
        control.Subcommands.Add(Broadcaster());
        return control;
    }

    private static Option<string> Addr(string defaultAddress) =>
        new("--control-addr") { Description = "The node's control port host:port", DefaultValueFactory = _ => defaultAddress, HelpName = "HOST:PORT", Recursive = true };

    private static Command Orchestrator()
    {
        var addr = Addr(OrchestratorControl.DefaultAddress);
        var command = new Command("orchestrator", "Control a running orchestrator") { addr };
        var sessions = new Command("sessions", "List the price, max sessions and open sessions");
        sessions.SetAction((parse, ct) => CommandRunner.RunAsync(() => CallAsync(parse, addr, HttpMethod.Get, "/control/sessions", null, ct)));
        var price = new Argument<string>("PRICE") { Description = "Wei per --pixels-per-unit pixels (whole or decimal, e.g. 1200 or 0.5)" };
        var pixels = new Option<string>("--pixels-per-unit") { Description = "Pixels the price is for", DefaultValueFactory = _ => "1" };
        var broadcaster = new Option<string?>("--broadcaster") { Description = "Set this broadcaster's own price instead of everyone's", HelpName = "ADDRESS" };
        var clear = new Option<bool>("--clear") { Description = "With --broadcaster: drop its own price (it pays the default again)" };
        var setPrice = new Command("price", "Set the price new sessions pay (running sessions keep theirs)") { price, pixels, broadcaster, clear };
        setPrice.SetAction((parse, ct) => CommandRunner.RunAsync(() =>
        {
            var body = new JsonObject { ["pricePerUnit"] = parse.GetValue(price), ["pixelsPerUnit"] = parse.GetValue(pixels) };
            if (parse.GetValue(broadcaster) is { } b) body["broadcaster"] = b;
            if (parse.GetValue(clear))
            {
                if (parse.GetValue(broadcaster) is null) throw new CliException("--clear needs --broadcaster ADDRESS.", CliException.Usage);
                body["clear"] = true;
            }
            return CallAsync(parse, addr, HttpMethod.Post, "/control/price", body, ct);
        }));
        var max = new Argument<int>("N") { Description = "Most concurrent sessions" };
        var setMax = new Command("max-sessions", "Set the most concurrent sessions (running ones are never closed by it)") { max };
        setMax.SetAction((parse, ct) => CommandRunner.RunAsync(() => CallAsync(parse, addr, HttpMethod.Post, "/control/max-sessions", new JsonObject { ["maxSessions"] = parse.GetValue(max) }, ct)));
        command.Subcommands.Add(sessions);
        command.Subcommands.Add(setPrice);
        command.Subcommands.Add(setMax);
        return command;
    }

    private static Command Broadcaster()
    {
        var addr = Addr(BroadcasterControl.DefaultAddress);
        var command = new Command("broadcaster", "Control a running broadcaster (or media server)") { addr };
        var sessions = new Command("sessions", "List the ladder, max price, streams and their orchestrators");
        sessions.SetAction((parse, ct) => CommandRunner.RunAsync(() => CallAsync(parse, addr, HttpMethod.Get, "/control/sessions", null, ct)));
        var profiles = new Argument<string>("PROFILES") { Description = "Preset names (comma separated), JSON, or @file.json, as --profiles" };
        var ladder = new Command("ladder", "Set the ladder: running streams' next segments and new streams use it") { profiles };
        ladder.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var text = parse.GetValue(profiles)!;
            if (text.StartsWith('@'))
            {
                try { text = await File.ReadAllTextAsync(text[1..], ct); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new CliException($"{text}: cannot read it ({e.Message}).", CliException.Usage); }
            }
            return await CallAsync(parse, addr, HttpMethod.Post, "/control/ladder", new JsonObject { ["profiles"] = text }, ct);
        }));
        var price = new Argument<string>("PRICE") { Description = "Most wei per --pixels-per-unit pixels, or none for no cap" };
        var pixels = new Option<string>("--pixels-per-unit") { Description = "Pixels the price is for", DefaultValueFactory = _ => "1" };
        var maxPrice = new Command("max-price", "Set the most the broadcaster pays; orchestrators above it are not chosen for new sessions") { price, pixels };
        maxPrice.SetAction((parse, ct) => CommandRunner.RunAsync(() =>
        {
            var p = parse.GetValue(price)!;
            var body = p.Equals("none", StringComparison.OrdinalIgnoreCase)
                ? new JsonObject { ["pricePerUnit"] = null }
                : new JsonObject { ["pricePerUnit"] = p, ["pixelsPerUnit"] = parse.GetValue(pixels) };
            return CallAsync(parse, addr, HttpMethod.Post, "/control/max-price", body, ct);
        }));
        command.Subcommands.Add(sessions);
        command.Subcommands.Add(ladder);
        command.Subcommands.Add(maxPrice);
        return command;
    }

    private static async Task<int> CallAsync(ParseResult parse, Option<string> addr, HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        var endpoint = NodeOptions.Endpoint(parse.GetValue(addr)!, addr.Name);
        var uri = new Uri($"http://{Livepeer.Media.Http.ListenAddresses.Authority(endpoint.Address, endpoint.Port)}{path}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try { response = await http.SendAsync(request, ct); }
        catch (HttpRequestException e) when (e.InnerException is SocketException || e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new CliException($"no control port answers at {endpoint}: is the node running, and with this --control-addr?");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            JsonObject answer;
            try { answer = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not a JSON object"); }
            catch (JsonException) { throw new CliException($"{uri} answered {(int)response.StatusCode} without a control document: is --control-addr a livepeer control port?"); }
            if (!response.IsSuccessStatusCode)
                throw new CliException($"the node refused it: {answer["error"]?.GetValue<string>() ?? text}", CliException.Usage);
            if (parse.GetValue<bool>("--json")) Console.WriteLine(answer.ToJsonString());
            else Console.Write(Human(answer));
            return 0;
        }
    }

    /// <summary>The control document for people: the settings, then one line per stream or session.</summary>
    internal static string Human(JsonObject answer)
    {
        var text = new StringBuilder();
        string Price(JsonNode? p) => p is null ? "no cap" : p["text"]?.GetValue<string>() ?? p.ToJsonString();
        if (answer["role"]?.GetValue<string>() == "orchestrator")
        {
            text.AppendLine($"price: {Price(answer["price"])}");
            foreach (var b in answer["pricePerBroadcaster"]?.AsArray() ?? []) text.AppendLine($"  broadcaster {b!["broadcaster"]}: {Price(b["price"])}");
            var sessions = answer["sessions"]?.AsArray() ?? [];
            text.AppendLine($"max sessions: {answer["maxSessions"]}; open: {sessions.Count}");
            foreach (var s in sessions)
                text.AppendLine($"  {s!["id"]} broadcaster {s["broadcaster"]} {(s["paid"]?.GetValue<bool>() == true ? "paid" : "unpaid")} at {(s["price"] is { } p ? Price(p) : "the current price")}, last segment {s["lastSegment"]}");
        }
        else
        {
            text.AppendLine($"ladder: {string.Join(',', (answer["ladder"]?.AsArray() ?? []).Select(n => n!.GetValue<string>()))}");
            text.AppendLine($"max price: {Price(answer["maxPrice"])}");
            var streams = answer["streams"]?.AsArray() ?? [];
            text.AppendLine($"streams: {streams.Count}");
            foreach (var s in streams) text.AppendLine($"  {s!["name"]}: ladder {string.Join(',', (s["ladder"]?.AsArray() ?? []).Select(n => n!.GetValue<string>()))}, {s["errors"]} errors");
            foreach (var s in answer["sessions"]?.AsArray() ?? []) text.AppendLine($"  {s!["stream"]} -> orchestrator {s["orchestrator"]} at {s["serviceUri"]} ({Price(s["price"])})");
            foreach (var (stream, why) in answer["kept"]?.AsObject() ?? []) text.AppendLine($"  {stream} kept its ladder: {why}");
        }
        return text.ToString();
    }
}
