using System.Diagnostics;
using Livepeer.Media.Flv;
using Livepeer.Media.Profiles;
using Livepeer.Media.Rtmp;
using Livepeer.Media.Segmenting;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster;

namespace Livepeer.Node.Tests.Network;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakCollection
{
    public const string Name = "soak (measures process memory: runs alone)";
}

/// <summary>
/// `livepeer media` under many short streams: ended streams leave the stores and memory comes back; a republished key
/// starts a fresh playlist. The transcoder here declines every segment (the media server's own memory is what is measured;
/// the source is still packaged by ffmpeg and published to HLS and DASH).
/// </summary>
[Collection(SoakCollection.Name)]
public sealed class MediaServerSoakTests : IDisposable
{
    private static readonly VideoProfile[] Ladder = [new("low", 320, 180, 300_000, 30, 1, 2)];
    private readonly string _dir = Directory.CreateTempSubdirectory("soak-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class DecliningTranscoder : ITranscoder
    {
        public Task<TranscodeResult> TranscodeAsync(MediaSegment segment, IReadOnlyList<VideoProfile> profiles, CancellationToken cancellationToken = default) =>
            throw new TranscodeException(TranscodeError.Unavailable, "This soak publishes the source only.");
    }

    // 640x360 at 3 Mb/s, a keyframe every second: one segment a stream at 1.5 s, two at 2.5 s.
    private async Task<List<FlvTag>> ShortStreamAsync(string seconds = "2.5")
    {
        var path = Path.Combine(_dir, "short.flv");
        using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
            ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine", "-t", seconds,
             "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "3M", "-g", "30", "-c:a", "aac", "-f", "flv", path]))!;
        await ffmpeg.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, ffmpeg.ExitCode);
        return [.. FlvFileReader.ReadAll(await File.ReadAllBytesAsync(path)).Where(t => t.Type != FlvTagType.ScriptData)];
    }

    private static async Task PublishAsync(BroadcasterNode node, string key, IEnumerable<FlvTag> tags)
    {
        await using var publisher = await RtmpPublisher.ConnectAsync("127.0.0.1", node.RtmpPort, "live", key, CancellationToken.None);
        foreach (var tag in tags) await publisher.SendTagAsync(tag, CancellationToken.None);
    }

    private static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            await Task.Delay(50);
        }
    }

    private static long ManagedBytesAfterGc()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    [Fact]
    public async Task FiftyShortStreamsLeaveNothingBehind()
    {
        var tags = await ShortStreamAsync("1.5");
        await using var node = await BroadcasterNode.StartLocalAsync(new DecliningTranscoder(),
            new BroadcasterNodeOptions { RtmpPort = 0, HttpPort = 0, Profiles = Ladder, EndedStreamRetention = TimeSpan.Zero }, TimeProvider.System);
        using var http = new HttpClient { BaseAddress = node.HttpAddress };
        bool Empty() => node.Hls.Count == 0 && node.Dash.Count == 0;

        // Warm up (JIT, pools), then the baseline.
        for (var i = 0; i < 5; i++) await PublishAsync(node, $"warm{i}", tags);
        await UntilAsync(Empty, TimeSpan.FromSeconds(30), "warm-up streams left the stores");
        var before = ManagedBytesAfterGc();

        for (var round = 0; round < 10; round++)
            await Task.WhenAll(Enumerable.Range(0, 5).Select(i => PublishAsync(node, $"s{round}-{i}", tags)));
        await UntilAsync(Empty, TimeSpan.FromSeconds(60), "ended streams left the stores");
        var after = ManagedBytesAfterGc();

        Assert.Equal(55, node.SegmentsIn); // every stream was cut into its segment and published
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("hls/s9-4/index.m3u8")).StatusCode); // ended: gone
        // Each stream held ~1 MB of source and fragments; 50 kept would be ~50 MB.
        Assert.True(after - before < 16L * 1024 * 1024, $"managed memory grew {(after - before) / 1024 / 1024} MiB over 50 streams ({before / 1024 / 1024} -> {after / 1024 / 1024} MiB)");
    }

    [Fact]
    public async Task ARepublishedKeyStartsAFreshPlaylistWithNewNames()
    {
        var tags = await ShortStreamAsync();
        await using var node = await BroadcasterNode.StartLocalAsync(new DecliningTranscoder(),
            new BroadcasterNodeOptions { RtmpPort = 0, HttpPort = 0, Profiles = Ladder, EndedStreamRetention = TimeSpan.FromMinutes(5) }, TimeProvider.System);
        using var http = new HttpClient { BaseAddress = node.HttpAddress };
        await PublishAsync(node, "key", tags);
        await UntilAsync(() => node.Hls.TryGet("key", out var s) && s.Ended, TimeSpan.FromSeconds(30), "first publish ended");
        var first = await http.GetStringAsync("hls/key/source/index.m3u8");
        Assert.EndsWith("#EXT-X-ENDLIST\n", first);

        await PublishAsync(node, "key", tags.Take(tags.Count / 2)); // ends after its first segment is cut
        await UntilAsync(() => node.Hls.TryGet("key", out var s) && s.Ended && s.NextSequence("source") > 2, TimeSpan.FromSeconds(30), "second publish published");
        var second = await http.GetStringAsync("hls/key/source/index.m3u8");
        static string[] Names(string playlist) => [.. playlist.Split('\n').Where(l => l.EndsWith(".ts", StringComparison.Ordinal))];
        Assert.Empty(Names(first).Intersect(Names(second)));                // no URL of the first publish is reused
        Assert.Contains("#EXT-X-MEDIA-SEQUENCE:2\n", second);                 // the sequence goes on after the first publish's two segments
        Assert.Contains("#EXT-X-DISCONTINUITY\n", second);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync($"hls/key/source/{Names(first)[0]}")).StatusCode);
    }
}
