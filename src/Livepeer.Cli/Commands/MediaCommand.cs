using System.CommandLine;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster;

namespace Livepeer.Cli.Commands;

/// <summary>`livepeer media`: a standalone media server — RTMP in, local ffmpeg ladder, HLS and DASH out; no network, no chain.</summary>
public static class MediaCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var listen = new BroadcasterServingOptions();
        var profiles = new Option<string>("--profiles") { Description = "Ladder: preset names (comma separated), JSON, or @file.json", DefaultValueFactory = _ => string.Join(',', VideoProfilePresets.DefaultLadder.Select(p => p.Name)) };
        var retention = new Option<double>("--ended-retention") { Description = "Seconds an ended stream's playlists stay (with ENDLIST) before they answer 404", DefaultValueFactory = _ => 30 };
        var slots = new Option<int>("--transcode-slots") { Description = "Segments transcoded at once (RTMP and push together); twice as many may wait, more are refused (push: 503 + Retry-After; live: source only)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var control = new ControlOptions(Livepeer.Node.Control.BroadcasterControl.DefaultAddress);
        var command = new Command("media", "Run a standalone media server: RTMP in, local ffmpeg transcoding, HLS and DASH out (no network, no chain)") { profiles, retention, slots, control.Addr, control.AllowRemote };
        foreach (var option in listen.All) command.Options.Add(option);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var ladder = await BroadcasterServingOptions.LadderAsync(parse.GetValue(profiles)!, ct);
            using var loggers = NodeOptions.Loggers(parse);
            var options = new BroadcasterNodeOptions
            {
                Profiles = ladder,
                EndedStreamRetention = parse.GetValue(retention) is var seconds && seconds is >= 0 and <= 86_400 ? TimeSpan.FromSeconds(seconds)
                    : throw new CliException("--ended-retention: seconds from 0 to 86400.", CliException.Usage),
                TranscodeQueue = parse.GetValue(slots) is var n && n is >= 1 and <= 1024 ? new TranscodeQueueOptions { MaxRunning = n, MaxWaiting = 2 * n }
                    : throw new CliException("--transcode-slots: 1 to 1024.", CliException.Usage),
            };
            listen.Apply(parse, options);
            _ = control.Endpoint(parse); // a bad control address is a usage error before anything starts
            await using var node = await BroadcasterNode.StartLocalAsync(new FfmpegTranscoder(), options, TimeProvider.System, loggers, ct);
            foreach (var line in BroadcasterServingOptions.Banner("Media server", node, options, dash: true)) NodeOptions.Say(parse, line);
            var selection = new Livepeer.Node.Selection.SelectionOptions(); // no orchestrators to cap: the ladder is what a media server's control changes
            await using var controlServer = await control.StartAsync(parse, app => Livepeer.Node.Control.BroadcasterControl.Map(app, node, selection, loggers.CreateLogger("Control")), loggers, ct);
            if (controlServer is not null) NodeOptions.Say(parse, ControlOptions.Banner(controlServer, "broadcaster"));
            await NodeOptions.UntilStoppedAsync(ct);
            return 0;
        }));
        return command;
    }
}
