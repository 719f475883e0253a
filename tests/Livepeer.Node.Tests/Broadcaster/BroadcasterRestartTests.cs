using System.Diagnostics;
using Livepeer.Media.Flv;
using Livepeer.Media.Hls;
using Livepeer.Media.Pipeline;
using Livepeer.Media.Profiles;
using Livepeer.Media.Rtmp;
using Livepeer.Media.Segmenting;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster;

namespace Livepeer.Node.Tests.Broadcaster;

/// <summary>
/// Issue 16 item 7: a broadcaster that dies mid-stream and is started again on the same playlist folder serves the
/// stream's recent playlist again (same names, same media sequence), and when the publisher returns the stream goes on
/// after it with EXT-X-DISCONTINUITY and segment names never used before.
/// </summary>
public sealed class BroadcasterRestartTests : IDisposable
{
    private static readonly VideoProfile[] Ladder = [new("low", 320, 180, 300_000, 30, 1, 2)];
    private readonly string _dir = Directory.CreateTempSubdirectory("restart-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class SourceOnly : ITranscoder
    {
        public Task<TranscodeResult> TranscodeAsync(MediaSegment segment, IReadOnlyList<VideoProfile> profiles, CancellationToken cancellationToken = default) =>
            throw new TranscodeException(TranscodeError.Unavailable, "This test publishes the source only.");
    }

    private async Task<List<FlvTag>> StreamAsync(string seconds)
    {
        var path = Path.Combine(_dir, $"s{seconds}.flv");
        using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
            ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-f", "lavfi", "-i", "sine", "-t", seconds,
             "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-c:a", "aac", "-f", "flv", path]))!;
        await ffmpeg.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, ffmpeg.ExitCode);
        return [.. FlvFileReader.ReadAll(await File.ReadAllBytesAsync(path)).Where(t => t.Type != FlvTagType.ScriptData)];
    }

    private Task<BroadcasterNode> StartAsync() => BroadcasterNode.StartLocalAsync(new SourceOnly(), new BroadcasterNodeOptions
    {
        RtmpPort = 0, HttpPort = 0, Profiles = Ladder, EndedStreamRetention = TimeSpan.FromMinutes(5), PlaylistDirectory = Path.Combine(_dir, "playlists"),
    }, TimeProvider.System);

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            await Task.Delay(50);
        }
    }

    /// <summary>The source playlist the keeper has saved so far, or "" (none yet, or a save was mid-write).</summary>
    private string Saved()
    {
        // Read a copy: RestoreInto deletes a folder it cannot read, which would race the keeper's next save.
        var copy = Directory.CreateTempSubdirectory("saved-").FullName;
        try
        {
            var saved = Path.Combine(_dir, "playlists");
            if (!Directory.Exists(saved)) return "";
            foreach (var file in Directory.EnumerateFiles(saved, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(saved, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            var store = new HlsStreamStore();
            new HlsPlaylistArchive(copy).RestoreInto(store);
            return store.TryGet("key", out var s) && s.Variants.Contains(LivePipeline.SourceName) ? s.RenderVariant(LivePipeline.SourceName) ?? "" : "";
        }
        catch (IOException) { return ""; }
        finally { Directory.Delete(copy, recursive: true); }
    }

    private static string[] Names(string playlist) => [.. playlist.Split('\n').Where(l => l.EndsWith(".ts", StringComparison.Ordinal))];
    private static long Sequence(string playlist) => long.Parse(playlist.Split('\n').Single(l => l.StartsWith("#EXT-X-MEDIA-SEQUENCE:", StringComparison.Ordinal))[22..]);

    [Fact]
    public async Task ARestartedBroadcasterServesTheRecentPlaylistAndTheReturningPublisherContinuesIt()
    {
        var tags = await StreamAsync("4.5");
        var first = await StartAsync();
        await using var publisher = await RtmpPublisher.ConnectAsync("127.0.0.1", first.RtmpPort, "live", "key", CancellationToken.None);
        foreach (var tag in tags) await publisher.SendTagAsync(tag, CancellationToken.None);
        await UntilAsync(() => first.Hls.TryGet("key", out var s) && s.Variants.Contains(LivePipeline.SourceName) && s.NextSequence(LivePipeline.SourceName) >= 2, "two segments cut while live");
        using var http1 = new HttpClient { BaseAddress = first.HttpAddress };
        var before = await http1.GetStringAsync("hls/key/source/index.m3u8");
        await UntilAsync(() => Names(Saved()) is { Length: > 0 } saved && saved.SequenceEqual(Names(before)), "the keeper saves the live window to the playlist folder");

        // The crash: a new node on the same folder starts while the old one never got to stop (nothing saved at exit).
        await using var second = await StartAsync();
        using var http2 = new HttpClient { BaseAddress = second.HttpAddress };
        var restored = await http2.GetStringAsync("hls/key/source/index.m3u8");
        Assert.Equal(Names(before), Names(restored));
        Assert.Equal(Sequence(before), Sequence(restored));
        Assert.DoesNotContain("#EXT-X-ENDLIST", restored); // the stream is paused, not over: its publisher may return
        var firstName = Names(before)[0];
        Assert.Equal(await http1.GetByteArrayAsync($"hls/key/source/{firstName}"), await http2.GetByteArrayAsync($"hls/key/source/{firstName}"));
        await first.DisposeAsync();

        // The publisher returns: the stream goes on after the restored window.
        second.Hls.TryGet("key", out var restoredStream);
        await using (var again = await RtmpPublisher.ConnectAsync("127.0.0.1", second.RtmpPort, "live", "key", CancellationToken.None))
            foreach (var tag in tags) await again.SendTagAsync(tag, CancellationToken.None);
        await UntilAsync(() => second.Hls.TryGet("key", out var s) && !ReferenceEquals(s, restoredStream) && s.Ended, "the returning publish ended");
        var resumed = await http2.GetStringAsync("hls/key/source/index.m3u8");
        Assert.Empty(Names(restored).Intersect(Names(resumed))); // no cacheable URL is served twice with other content
        Assert.Equal(restoredStream!.NextSequenceOverall, Sequence(resumed)); // the media sequence never goes back
        Assert.Contains("#EXT-X-DISCONTINUITY\n", resumed);
    }
}
