using System.Net.Sockets;
using Livepeer.Media.Flv;
using Livepeer.Media.Ingest;
using Livepeer.Media.MpegTs;
using Livepeer.Media.Rtmp;

namespace Livepeer.Media.Tests.Ingest;

/// <summary>Random and mutated RTMP connections next to a good publisher: they end alone, the good stream is intact.</summary>
[Collection(MediaCollection.Name)]
public class HostileInputTests(MediaFixture media)
{
    [Fact]
    public async Task GarbageAndMutatedConnectionsDoNotDisturbAConcurrentGoodStream()
    {
        var logs = new CountingLoggerFactory();
        var sink = new ChannelMediaSegmentSink();
        await using var server = new RtmpServer(new RtmpServerOptions { Port = 0, IdleTimeout = TimeSpan.FromSeconds(3), HandshakeTimeout = TimeSpan.FromSeconds(3) }, new LiveIngest(sink), logs);
        server.Start();
        var port = server.LocalEndPoint.Port;
        var tags = FlvFileReader.ReadAll(media.H264AacFlv);
        var valid = SessionBytes.Build("victim", tags.Take(80), chunkSize: 4096);

        var good = Collect.UntilEndedAsync(sink, "good", TimeSpan.FromSeconds(60));
        var goodPublisher = Task.Run(async () =>
        {
            await using var publisher = await RtmpPublisher.ConnectAsync("127.0.0.1", port, "live", "good", CancellationToken.None);
            foreach (var tag in tags.Where(t => t.Type != FlvTagType.ScriptData))
            {
                await publisher.SendTagAsync(tag, CancellationToken.None);
                await Task.Yield();
            }
        });

        var random = new Random(4242);
        var hostile = Enumerable.Range(0, 24).Select(i =>
        {
            var bytes = (i % 3) switch
            {
                0 => Enumerable.Range(0, 2000 + random.Next(20000)).Select(_ => (byte)random.Next(256)).ToArray(), // pure noise
                1 => [.. valid.AsSpan(0, SessionBytes.HandshakeLength), .. Enumerable.Range(0, 5000).Select(_ => (byte)random.Next(256))], // noise after a good handshake
                _ => Mutator.Mutate(valid, random, protectPrefix: SessionBytes.HandshakeLength), // a real session, corrupted
            };
            return SendAndCloseAsync(port, bytes);
        }).ToList();

        await Task.WhenAll(hostile);
        await goodPublisher;
        var (segments, ended) = await good;
        Assert.Null(ended.Error);
        Assert.Equal(3, segments.Count);
        var all = segments.SelectMany(s => s.Data.ToArray()).ToArray();
        var demux = TsDemuxer.Demux(all);
        Assert.Equal(0, demux.ContinuityErrors);
        Assert.Equal(150, demux.Packets.Count(p => p.Pid == TsMuxer.VideoPid));

        // Every hostile connection ends by itself; none crashed the connection handler with an unexpected exception.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (server.ConnectionCount > 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(0, server.ConnectionCount);
        Assert.Empty(logs.Errors);

        // And the server still takes new publishers.
        await using var again = await RtmpPublisher.ConnectAsync("127.0.0.1", port, "live", "again", CancellationToken.None);
        Assert.Equal(1u, again.StreamId);
    }

    [Fact]
    public async Task DuplicateStreamKeyAndInvalidKeyAreRefusedWithBadName()
    {
        var sink = new ChannelMediaSegmentSink();
        var ingest = new LiveIngest(sink, new LiveIngestOptions { AuthorizePublish = (r, _) => ValueTask.FromResult(r.Query == "token=ok" || r.StreamKey != "secret" ? null : "wrong token") });
        await using var server = new RtmpServer(new RtmpServerOptions { Port = 0 }, ingest);
        server.Start();
        var port = server.LocalEndPoint.Port;
        await using var first = await RtmpPublisher.ConnectAsync("127.0.0.1", port, "live", "dup", CancellationToken.None);
        Assert.Single(ingest.ActiveStreams);
        var dup = await Assert.ThrowsAsync<RtmpStatusException>(() => RtmpPublisher.ConnectAsync("127.0.0.1", port, "live", "dup", CancellationToken.None));
        Assert.Equal("NetStream.Publish.BadName", dup.Code);
        var bad = await Assert.ThrowsAsync<RtmpStatusException>(() => RtmpPublisher.ConnectAsync("127.0.0.1", port, "live", "bad/key", CancellationToken.None));
        Assert.Contains("contains '/'", bad.Message);
        var hook = await Assert.ThrowsAsync<RtmpStatusException>(() => RtmpPublisher.ConnectAsync("127.0.0.1", port, "live", "secret", CancellationToken.None));
        Assert.Contains("wrong token", hook.Message);
        await using var withToken = await RtmpPublisher.ConnectAsync("127.0.0.1", port, "live", "secret?token=ok", CancellationToken.None);
        Assert.Equal(2, ingest.ActiveStreams.Count);
    }

    [Fact]
    public async Task CorruptCodecConfigurationEndsThatStreamWithAnErrorAndCleansUp()
    {
        var sink = new ChannelMediaSegmentSink();
        var ingest = new LiveIngest(sink);
        await using var server = new RtmpServer(new RtmpServerOptions { Port = 0 }, ingest);
        server.Start();
        var ending = Collect.UntilEndedAsync(sink, "broken", TimeSpan.FromSeconds(10));
        await using (var publisher = await RtmpPublisher.ConnectAsync("127.0.0.1", server.LocalEndPoint.Port, "live", "broken", CancellationToken.None))
        {
            try
            {
                await publisher.SendTagAsync(new FlvTag(FlvTagType.Video, 0, new byte[] { 0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1F, 0xFF, 0xE1, 0, 40, 0x67 }), CancellationToken.None);
            }
            catch (IOException)
            {
                // The server may already have closed.
            }
            var (_, ended) = await ending;
            Assert.IsType<Livepeer.Media.Codecs.CodecFormatException>(ended.Error);
        }
        Assert.Empty(ingest.ActiveStreams);
    }

    private static async Task SendAndCloseAsync(int port, byte[] bytes)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", port);
        var drain = Task.Run(async () =>
        {
            var buffer = new byte[65536];
            try
            {
                while (await socket.ReceiveAsync(buffer) > 0)
                {
                }
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        });
        try
        {
            for (var offset = 0; offset < bytes.Length; offset += 4096)
                await socket.SendAsync(bytes.AsMemory(offset, Math.Min(4096, bytes.Length - offset)));
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The server closed on us first: that is the point.
        }
        await drain.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
