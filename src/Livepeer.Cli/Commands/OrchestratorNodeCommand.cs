using System.CommandLine;
using Livepeer.Cli.Ledger;
using Livepeer.Core;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Orchestrator.Capacity;
using Livepeer.Node.Orchestrator.Misbehaviour;
using Livepeer.Node.Orchestrator.Transcoders;
using Livepeer.Node.Transcoding;
using Microsoft.Extensions.Logging;

namespace Livepeer.Cli.Commands;

/// <summary>`livepeer orchestrator` itself: runs an orchestrator node until Ctrl-C.</summary>
public static class OrchestratorNodeCommand
{
    /// <summary>Adds the node's options and action to the `orchestrator` command (its subcommands stay as they are).</summary>
    public static Command Configure(Command orchestrator, ChainAccess access)
    {
        var serviceAddr = new Option<string>("--service-addr") { Description = "Listen address host:port (gRPC and HTTP over TLS)", DefaultValueFactory = _ => "127.0.0.1:8936" };
        var publicUri = new Option<string?>("--public-uri") { Description = "URI advertised on the ledger (default: https://<service-addr>)", HelpName = "URI" };
        var maxSessions = new Option<string>("--max-sessions")
        {
            Description = "Most concurrent streams, or auto: measure at start how many this machine transcodes within 0.8 of real time (go-livepeer's auto)",
            DefaultValueFactory = _ => "10", HelpName = "N|auto",
        };
        var capacityProfiles = new Option<string>("--capacity-profiles")
        {
            Description = "With --max-sessions auto: the ladder measured (preset names, JSON or @file.json), from a 2 s 1080p30 test segment",
            DefaultValueFactory = _ => string.Join(',', VideoProfilePresets.DefaultLadder.Select(p => p.Name)),
        };
        var price = new Option<string?>("--price-per-unit", "--price-per-pixel")
        {
            Description = $"Price in wei per --pixels-per-unit output pixels, whole or decimal (go-livepeer's -pricePerUnit; default: {OrchestratorSettings.FileName}, else 1200)", HelpName = "WEI",
        };
        var pixelsPerUnit = new Option<string>("--pixels-per-unit") { Description = "Pixels the price is for (go-livepeer's -pixelsPerUnit): 1 wei per 1000 pixels is --price-per-unit 1 --pixels-per-unit 1000", DefaultValueFactory = _ => "1" };
        var perBroadcaster = new Option<string?>("--price-per-broadcaster")
        {
            Description = "go-livepeer's -pricePerBroadcaster: JSON {\"broadcasters\":[{\"ethaddress\":\"0x..\",\"priceperunit\":1000,\"pixelsperunit\":1}]}, or a file holding it", HelpName = "JSON|FILE",
        };
        var ticketEv = new Option<string?>("--ticket-ev") { Description = $"Expected value of one ticket in wei (go-livepeer's -ticketEV; default {new Livepeer.Node.Payments.PaymentOptions().TicketExpectedValue})", HelpName = "WEI" };
        var control = new ControlOptions(Livepeer.Node.Control.OrchestratorControl.DefaultAddress);
        var stake = new Option<string?>("--stake") { Description = "Self-bond and register on start when not registered yet, e.g. 1000", HelpName = "AMOUNT" };
        var rewardCut = new Option<string>("--reward-cut") { Description = "With --stake: share of rewards kept", DefaultValueFactory = _ => "10%" };
        var feeShare = new Option<string>("--fee-share") { Description = "With --stake: share of fees to delegators", DefaultValueFactory = _ => "50%" };
        var orchSecret = new Option<string?>("--orch-secret") { Description = "Accept remote transcoders (livepeer transcoder) that register with this shared secret", HelpName = "SECRET" };
        var noLocal = new Option<bool>("--no-local-transcoder") { Description = "With --orch-secret: transcode only on remote transcoders, never with the local ffmpeg" };
        var offChain = new Option<bool>("--off-chain") { Description = "go-livepeer's off-chain mode: no ledger, no tickets; transcode for any broadcaster (with --orch-addr) for free" };
        var perSender = new Option<int?>("--max-sessions-per-sender") { Description = "Most concurrent streams one broadcaster address may hold (default: --max-sessions)", HelpName = "N" };
        var allow = new Option<string[]>("--allow-broadcaster") { Description = "Serve only these broadcaster addresses (repeat; with --off-chain the only gate, and unsigned go broadcasters are refused)", HelpName = "ADDRESS", AllowMultipleArgumentsPerToken = true };
        var misbehave = new Option<string?>("--misbehave")
        {
            Description = $"TEST ONLY: cheat so verification and slashing can be exercised ({string.Join('|', MisbehaviourSwitch.Names)}); needs {MisbehaviourSwitch.AllowVariable}=1",
            HelpName = "KIND", Hidden = true,
        };
        var sessions = TranscodeSessionsOption.Create();
        foreach (var o in new Option[] { sessions, serviceAddr, publicUri, maxSessions, capacityProfiles, price, pixelsPerUnit, perBroadcaster, ticketEv, stake, rewardCut, feeShare, orchSecret, noLocal, offChain, perSender, allow, misbehave, ConfigArguments.Create(), control.Addr, control.AllowRemote }) orchestrator.Options.Add(o);
        access.Signing(orchestrator);
        orchestrator.Description = "Run an orchestrator node (no subcommand): transcode for broadcasters, redeem tickets, call reward each round; or register, list, reward";
        orchestrator.Subcommands.Add(NodeStatusCommand.Create("orchestrator", "https://127.0.0.1:8936", "livepeer orchestrator --service-addr 127.0.0.1:8936"));
        orchestrator.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var dataDir = access.DataDir(parse);
            var settings = OrchestratorSettings.Read(dataDir);
            var priceText = parse.GetValue(price) ?? settings?.PricePerPixelWei ?? "1200";
            Livepeer.Node.Payments.PixelPrice pixelPrice;
            try { pixelPrice = Livepeer.Node.Payments.PixelPrice.Parse(priceText, parse.GetValue(pixelsPerUnit)!); }
            catch (FormatException e) { throw new CliException($"--price-per-unit/--pixels-per-unit: {e.Message}", CliException.Usage); }
            if (!pixelPrice.FitsWire) throw new CliException($"--price-per-unit/--pixels-per-unit: {pixelPrice} does not fit the wire's 64-bit PriceInfo once reduced.", CliException.Usage);
            var broadcasterPrices = new Dictionary<Address, Livepeer.Node.Payments.PixelPrice>();
            if (parse.GetValue(perBroadcaster) is { } perText)
            {
                try { broadcasterPrices = Livepeer.Node.Payments.PriceList.ParsePerBroadcaster(perText.TrimStart().StartsWith('{') ? perText : await File.ReadAllTextAsync(perText, ct)); }
                catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException) { throw new CliException($"--price-per-broadcaster: {e.Message}", CliException.Usage); }
            }
            var payments = new Livepeer.Node.Payments.PaymentOptions();
            if (parse.GetValue(ticketEv) is { } ev)
                payments.TicketExpectedValue = UInt256.TryParse(ev, out var evWei) && !evWei.IsZero ? evWei : throw new CliException($"--ticket-ev '{ev}' must be a whole number of wei above 0.", CliException.Usage);
            _ = control.Endpoint(parse); // a bad control address is a usage error before anything starts
            Misbehaviour cheat;
            try { cheat = MisbehaviourSwitch.Parse(parse.GetValue(misbehave), Environment.GetEnvironmentVariable(MisbehaviourSwitch.AllowVariable)); }
            catch (ArgumentException e) { throw new CliException($"--misbehave: {e.Message}", CliException.Usage); }
            Uri? advertised = null;
            if (parse.GetValue(publicUri) is { } p && !Uri.TryCreate(p, UriKind.Absolute, out advertised))
                throw new CliException($"--public-uri '{p}' is not an absolute URI.", CliException.Usage);
            var allowed = new HashSet<Address>();
            foreach (var a in parse.GetValue(allow) ?? [])
                allowed.Add(Address.TryParse(a, out var address) ? address : throw new CliException($"--allow-broadcaster '{a}' is not an address (0x and 40 hex digits).", CliException.Usage));
            var sessionsText = parse.GetValue(maxSessions)!.Trim();
            var auto = sessionsText.Equals("auto", StringComparison.OrdinalIgnoreCase);
            int fixedSessions = 0;
            if (!auto && !(int.TryParse(sessionsText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out fixedSessions) && fixedSessions >= 1))
                throw new CliException($"--max-sessions '{sessionsText}' must be a whole number of at least 1, or auto.", CliException.Usage);
            if (auto && parse.GetValue(noLocal)) throw new CliException("--max-sessions auto measures the local transcoder: drop --no-local-transcoder or give a number.", CliException.Usage);
            IReadOnlyList<VideoProfile> capacityLadder;
            try
            {
                var text = parse.GetValue(capacityProfiles)!;
                capacityLadder = VideoProfileParser.Parse(text.StartsWith('@') ? await File.ReadAllTextAsync(text[1..], ct) : text);
            }
            catch (ProfileException e) { throw new CliException($"--capacity-profiles: {e.Message}", CliException.Usage); }
            var sessionMode = TranscodeSessionsOption.Parse(parse.GetValue(sessions)!);
            if (parse.GetValue(offChain) && parse.GetValue(stake) is not null) throw new CliException("--off-chain cannot register: drop --stake.", CliException.Usage);
            var options = new OrchestratorNodeOptions
            {
                DataDirectory = Path.Combine(dataDir, "orchestrator"),
                Chain = access.NodeChain(parse),
                Listen = NodeOptions.Endpoint(parse.GetValue(serviceAddr)!, "--service-addr"),
                PublicUri = advertised,
                Serving = new OrchestratorServingOptions { MaxSessions = auto ? 1 : fixedSessions, PricePerUnit = pixelPrice.PricePerUnit, PixelsPerUnit = pixelPrice.PixelsPerUnit,
                    PricePerBroadcaster = broadcasterPrices, Misbehaviour = cheat, OffChain = parse.GetValue(offChain),
                    MaxSessionsPerSender = parse.GetValue(perSender), AllowedBroadcasters = allowed },
                Payments = payments,
                Register = parse.GetValue(stake) is { } s
                    ? new RegistrationOptions(CommandInput.Amount(s, Token.Lpt, "--stake"), CommandInput.Ppm(parse.GetValue(rewardCut), "--reward-cut"), CommandInput.Ppm(parse.GetValue(feeShare), "--fee-share"))
                    : null,
            };
            var secret = parse.GetValue(orchSecret);
            if (secret is { Length: 0 }) throw new CliException("--orch-secret is empty; pass the secret remote transcoders will use.", CliException.Usage);
            if (parse.GetValue(noLocal) && secret is null)
                throw new CliException("--no-local-transcoder leaves nothing to transcode with unless remote transcoders can register: add --orch-secret SECRET.", CliException.Usage);
            using var key = access.UnlockKey(parse);
            using var loggers = NodeOptions.Loggers(parse);
            IOrchestratorTranscoder? local = parse.GetValue(noLocal) ? null : LocalSegmentTranscoder.Ffmpeg(sessionMode);
            // Offer broadcasters only the encoders the local ffmpeg has (remote transcoders register their own).
            if (local is not null) options.Serving.Capabilities = NodeCapabilities.SupportedBy(await FfmpegEncoders.QueryAsync("ffmpeg", ct));
            if (auto && local is not null)
            {
                var measured = await CapacityProbe.MeasureAsync(local, capacityLadder, new LineProgress(line => NodeOptions.Say(parse, line)), ct);
                options.Serving.MaxSessions = measured.Sessions;
                options.Serving.MeasuredCapacity = measured;
            }
            // With a secret, remote transcoders register on the service port and take segments first; the local one backs them up.
            IOrchestratorTranscoder transcoder = secret is null ? local! : new TranscoderPool(new TranscoderPoolOptions { Secret = secret }, local, TimeProvider.System, loggers.CreateLogger<TranscoderPool>());
            await using var node = await OrchestratorNode.StartAsync(key, transcoder, options, TimeProvider.System, loggers, ct);
            var transcoding = secret is null ? "local transcoder" : local is null ? "remote transcoders only" : "remote transcoders, then local";
            NodeOptions.Say(parse, $"Orchestrator {key.Address} serving on {node.ServiceUri} (price {pixelPrice}, {options.Serving.MaxSessions} sessions, {transcoding}). Ctrl-C to stop.");
            await using var controlServer = await control.StartAsync(parse, app => Livepeer.Node.Control.OrchestratorControl.Map(app, node.Core, loggers.CreateLogger("Control")), loggers, ct);
            if (controlServer is not null) NodeOptions.Say(parse, ControlOptions.Banner(controlServer, "orchestrator"));
            await NodeOptions.UntilStoppedAsync(ct);
            return 0;
        }));
        return orchestrator;
    }
}
