using System.CommandLine;
using Livepeer.Cli.Ledger;
using Livepeer.Core;
using Livepeer.Media.Profiles;
using Livepeer.Node.Broadcaster;
using Livepeer.Node.Broadcaster.Verification;
using Livepeer.Node.Payments;
using Livepeer.Node.Selection;

namespace Livepeer.Cli.Commands;

/// <summary>`livepeer broadcaster`: RTMP and HTTP ingest, orchestrators from the ledger or --orch-addr, HLS/DASH out.</summary>
public static class BroadcasterCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ChainAccess access)
    {
        var listen = new BroadcasterServingOptions();
        var orchAddr = new Option<string[]>("--orch-addr") { Description = "Orchestrator URIs to use instead of the ledger's registry", AllowMultipleArgumentsPerToken = true };
        var profiles = new Option<string>("--profiles") { Description = "Ladder: preset names (comma separated), JSON, or @file.json", DefaultValueFactory = _ => string.Join(',', VideoProfilePresets.DefaultLadder.Select(p => p.Name)) };
        var maxPrice = new Option<string?>("--max-price-per-unit", "--max-price-per-pixel")
        {
            Description = "Most to pay in wei per --pixels-per-unit pixels, whole or decimal (go-livepeer's -maxPricePerUnit); orchestrators asking more are not used (default: no cap)", HelpName = "WEI",
        };
        var pixelsPerUnit = new Option<string>("--pixels-per-unit") { Description = "Pixels the max price is for (go-livepeer's -pixelsPerUnit)", DefaultValueFactory = _ => "1" };
        var control = new ControlOptions(Livepeer.Node.Control.BroadcasterControl.DefaultAddress);
        var maxTicketEv = new Option<string>("--max-ticket-ev") { Description = "Most expected value of one ticket, in wei; an orchestrator asking more is not used", HelpName = "WEI", DefaultValueFactory = _ => PaymentLimits.DefaultMaxTicketEV.ToString() };
        var maxTotalEv = new Option<string>("--max-total-ev") { Description = "Most expected value of the tickets sent with one segment, in wei", HelpName = "WEI", DefaultValueFactory = _ => PaymentLimits.DefaultMaxTotalEV.ToString() };
        var maxFaceValue = new Option<string>("--max-face-value") { Description = "Most face value of one ticket, in wei (0: only the deposit bound)", HelpName = "WEI", DefaultValueFactory = _ => "0" };
        var depositMultiplier = new Option<int>("--deposit-multiplier") { Description = "A ticket's face value may be at most deposit / this", DefaultValueFactory = _ => PaymentLimits.DefaultDepositMultiplier };
        var verify = new Option<bool>("--verify") { Description = "Check every result's pixels and format (off: signature only)", DefaultValueFactory = _ => true };
        var perceptual = new Option<bool>("--verify-perceptual") { Description = "Also compare a share of segments with the source (SSIM, black/frozen frames, audio)", DefaultValueFactory = _ => true };
        var share = new Option<double>("--perceptual-share") { Description = "Share of segments (0..1) checked perceptually", DefaultValueFactory = _ => 0.1 };
        var publicUri = new Option<string?>("--public-http-uri") { Description = "This broadcaster's HTTP address as verifiers reach it (evidence URIs); default: the local HTTP address", HelpName = "URI" };
        var report = new Option<bool>("--report-failures") { Description = "Report failed verifications on the ledger so verifiers can slash", DefaultValueFactory = _ => true };
        var command = access.Signing(new Command("broadcaster", "Run a broadcaster: ingest RTMP (OBS, ffmpeg) and HTTP push, pay orchestrators to transcode, serve HLS and DASH")
            { orchAddr, profiles, maxPrice, pixelsPerUnit, control.Addr, control.AllowRemote, maxTicketEv, maxTotalEv, maxFaceValue, depositMultiplier, verify, perceptual, share, report, publicUri });
        foreach (var option in listen.All) command.Options.Add(option);
        command.Subcommands.Add(NodeStatusCommand.Create("broadcaster", "http://127.0.0.1:8935", "livepeer broadcaster"));
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var ladder = await BroadcasterServingOptions.LadderAsync(parse.GetValue(profiles)!, ct);
            var orchestrators = (parse.GetValue(orchAddr) ?? []).SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(a =>
                Uri.TryCreate(a.Contains("://", StringComparison.Ordinal) ? a : "https://" + a, UriKind.Absolute, out var u) ? u : throw new CliException($"--orch-addr '{a}' is not a URI.", CliException.Usage)).ToList();
            var selection = new SelectionOptions();
            if (parse.GetValue(maxPrice) is { } m)
            {
                try { selection.MaxPrice = PixelPrice.Parse(m, parse.GetValue(pixelsPerUnit)!); }
                catch (FormatException e) { throw new CliException($"--max-price-per-unit/--pixels-per-unit: {e.Message}", CliException.Usage); }
            }
            _ = control.Endpoint(parse); // a bad control address is a usage error before anything starts
            var options = new BroadcasterNodeOptions
            {
                Chain = access.NodeChain(parse), OrchestratorAddresses = orchestrators,
                Profiles = ladder, Selection = selection, WebRoot = NodeOptions.WebRoot(),
                PlaylistDirectory = Path.Combine(access.DataDir(parse), "broadcaster", "playlists"), // a restart serves live playlists again
                PaymentLimits = new PaymentLimits
                {
                    MaxTicketEV = Wei(parse, maxTicketEv), MaxTotalEV = Wei(parse, maxTotalEv), MaxFaceValue = Wei(parse, maxFaceValue),
                    DepositMultiplier = parse.GetValue(depositMultiplier),
                },
                Verification = new ResultVerificationOptions
                {
                    Enabled = parse.GetValue(verify), Perceptual = parse.GetValue(perceptual), PerceptualShare = parse.GetValue(share),
                    ReportOnChain = parse.GetValue(report), EvidenceDirectory = Path.Combine(access.DataDir(parse), "broadcaster", "evidence"),
                    PublicBaseUri = parse.GetValue(publicUri) is { } pu
                        ? Uri.TryCreate(pu, UriKind.Absolute, out var u) ? u : throw new CliException($"--public-http-uri '{pu}' is not an absolute URI.", CliException.Usage)
                        : null,
                },
            };
            listen.Apply(parse, options);
            try { options.Verification.Validate(); }
            catch (ArgumentException e) { throw new CliException($"Verification options: {e.Message}", CliException.Usage); }
            try { options.PaymentLimits.Validate(); }
            catch (ArgumentException e) { throw new CliException($"Payment limits: {e.Message}", CliException.Usage); }
            using var key = access.UnlockKey(parse);
            using var loggers = NodeOptions.Loggers(parse);
            await using var node = await BroadcasterNode.StartAsync(key, options, TimeProvider.System, loggers, ct);
            foreach (var line in BroadcasterServingOptions.Banner($"Broadcaster {key.Address}", node, options, dash: false)) NodeOptions.Say(parse, line);
            if (options.WebRoot is not null) NodeOptions.Say(parse, $"  dashboard: {node.HttpAddress}");
            await using var controlServer = await control.StartAsync(parse, app => Livepeer.Node.Control.BroadcasterControl.Map(app, node, selection, loggers.CreateLogger("Control")), loggers, ct);
            if (controlServer is not null) NodeOptions.Say(parse, ControlOptions.Banner(controlServer, "broadcaster"));
            await NodeOptions.UntilStoppedAsync(ct);
            return 0;
        }));
        return command;
    }

    private static UInt256 Wei(ParseResult parse, Option<string> option) =>
        UInt256.TryParse(parse.GetValue(option)!, out var wei) ? wei : throw new CliException($"{option.Name} '{parse.GetValue(option)}' must be a whole number of wei.", CliException.Usage);
}
