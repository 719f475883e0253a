using System.Net.Sockets;
using Livepeer.Media.Flv;
using Livepeer.Media.Ingest;
using Livepeer.Media.Rtmp;
using Livepeer.Media.Segmenting;
using Livepeer.Media.Tests.Rtmp;

namespace Livepeer.Media.Tests.Ingest;

/// <summary>Attacks that used to take a server's memory or slots: each is cut with a reason, and a real publisher is still served.</summary>
[Collection(MediaCollection.Name)]
public class AbuseTests(MediaFixture media)
{
    // Reads until the server closes (true) or the timeout passes (false).
    private static async Task<bool> ClosedByServerAsync(Socket socket, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[65536];
        try
        {
            while (await socket.ReceiveAsync(buffer, cts.Token) > 0)
            {
            }
            return true;
        }
        catch (SocketException) { return true; }
        catch (OperationCanceledException) { return false; }
    }

    private static byte[] Handshake() => [3, .. new byte[1536 * 2]];

    private static async Task<List<MediaSegment>> PublishGoodAsync(MediaFixture media, ChannelMediaSegmentSink sink, int port, string key)
    {
        var ending = Collect.UntilEndedAsync(sink, key, TimeSpan.FromSeconds(60));
        await using (var publisher = await RtmpPublisher.ConnectAsync("127.0.0.1", port, "live", key, CancellationToken.None))
        {
            foreach (var tag in FlvFileReader.ReadAll(media.H264AacFlv).Where(t => t.Type != FlvTagType.ScriptData))
                await publisher.SendTagAsync(tag, CancellationToken.None);
        }
        var (segments, ended) = await ending;
        Assert.Null(ended.Error);
        return segments;
    }

    [Fact]
    public async Task HalfSentMessagesAreBoundedPerConnectionAndPerServer()
    {
        var sink = new ChannelMediaSegmentSink();
        await using var server = new RtmpServer(new RtmpServerOptions
        {
            Port = 0, MaxMessageSize = 1024 * 1024, MaxBufferedBytesPerConnection = 2 * 1024 * 1024, MaxBufferedBytes = 5 * 1024 * 1024,
        }, new LiveIngest(sink));
        server.Start();
        var port = server.LocalEndPoint.Port;
        // Each attacker sets a 900,000-byte chunk size, then sends the first chunk of a 1 MiB message on chunk stream after
        // chunk stream, never the rest: a reassembly buffer of up to 1 MiB held per chunk stream.
        async Task<Socket> Attack(int chunkStreams)
        {
            var s = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await s.ConnectAsync("127.0.0.1", port);
            await s.SendAsync(Handshake());
            await s.SendAsync((byte[])[.. ChunkBytes.Fmt0(2, 0, 4, 1, 0), .. ChunkBytes.U32(900_000)]);
            for (var csid = 10; csid < 10 + chunkStreams; csid++)
            {
                try { await s.SendAsync((byte[])[.. ChunkBytes.Fmt0(csid, 0, 1024 * 1024, 9, 1), .. new byte[900_000]]); }
                catch (SocketException) { break; } // closed on us: the point
            }
            return s;
        }
        // Three chunk streams (2.7 MB) pass the 2 MiB per connection: closed.
        using (var greedy = await Attack(3))
            Assert.True(await ClosedByServerAsync(greedy, TimeSpan.FromSeconds(10)));
        // Two chunk streams each (1.8 MB) fit a connection, but the third such connection passes the server's 5 MiB.
        var held = new List<Socket>();
        for (var i = 0; i < 3; i++) held.Add(await Attack(2));
        var closed = 0;
        foreach (var s in held) closed += await ClosedByServerAsync(s, TimeSpan.FromSeconds(1)) ? 1 : 0;
        Assert.True(closed >= 1, "no connection was cut by the server-wide budget");
        Assert.InRange(server.Budget.Used, 0, server.Budget.Limit);
        foreach (var s in held) s.Dispose();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((server.ConnectionCount > 0 || server.Budget.Used > 0) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(0, server.Budget.Used); // every connection gave its bytes back
        Assert.NotEmpty(await PublishGoodAsync(media, sink, port, "good"));
    }

    [Fact]
    public async Task ASlowlorisIsCutByTheMinimumDataRateAndPerAddressLimitsHold()
    {
        var sink = new ChannelMediaSegmentSink();
        await using var server = new RtmpServer(new RtmpServerOptions
        {
            Port = 0, MinDataRate = 1000, MinDataRateWindow = TimeSpan.FromSeconds(1), MaxConnectionsPerAddress = 3,
        }, new LiveIngest(sink));
        server.Start();
        var port = server.LocalEndPoint.Port;
        using var loris = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await loris.ConnectAsync("127.0.0.1", port);
        await loris.SendAsync(Handshake());
        var trickle = Task.Run(async () =>
        {
            // One byte every 200 ms: never idle, far below 1000 B/s.
            try { for (var i = 0; i < 50; i++) { await loris.SendAsync(new byte[] { 0x03 }); await Task.Delay(200); } }
            catch (SocketException) { }
            catch (ObjectDisposedException) { }
        });
        Assert.True(await ClosedByServerAsync(loris, TimeSpan.FromSeconds(6)), "the slowloris kept its connection");

        // Three idle connections from 127.0.0.1 are allowed; a fourth is closed at once.
        var idle = new List<Socket>();
        for (var i = 0; i < 3; i++)
        {
            var s = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await s.ConnectAsync("127.0.0.1", port);
            idle.Add(s);
        }
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (server.ConnectionCount < 3 && DateTime.UtcNow < deadline) await Task.Delay(20);
        using (var fourth = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            await fourth.ConnectAsync("127.0.0.1", port);
            Assert.True(await ClosedByServerAsync(fourth, TimeSpan.FromSeconds(5)));
        }
        foreach (var s in idle) Assert.False(await ClosedByServerAsync(s, TimeSpan.FromMilliseconds(100)));
        // One leaves: a real publisher gets its slot and is served.
        idle[0].Dispose();
        deadline = DateTime.UtcNow.AddSeconds(5);
        while (server.ConnectionCount > 2 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.NotEmpty(await PublishGoodAsync(media, sink, port, "good"));
        foreach (var s in idle) s.Dispose();
        await trickle;
    }

    [Fact]
    public async Task APublisherWithEveryFrameAtOneTimestampIsRefusedWithAReason()
    {
        var sink = new ChannelMediaSegmentSink();
        var ingest = new LiveIngest(sink, new LiveIngestOptions { Segmenter = new SegmenterOptions { MaxSegmentBytes = 1024 * 1024 } });
        await using var server = new RtmpServer(new RtmpServerOptions { Port = 0 }, ingest);
        server.Start();
        var port = server.LocalEndPoint.Port;
        var tags = FlvFileReader.ReadAll(media.H264AacFlv).Where(t => t.Type != FlvTagType.ScriptData).ToList();
        var ending = Collect.UntilEndedAsync(sink, "frozen", TimeSpan.FromSeconds(30));
        await using (var publisher = await RtmpPublisher.ConnectAsync("127.0.0.1", port, "live", "frozen", CancellationToken.None))
        {
            try
            {
                // The whole file over and over, every tag at timestamp 1000 (the sequence headers first, as sent normally).
                for (var round = 0; round < 20; round++)
                    foreach (var tag in tags.Skip(round == 0 ? 0 : 2)) await publisher.SendTagAsync(tag with { Timestamp = 1000 }, CancellationToken.None);
            }
            catch (IOException) { } // the server closed: the point
        }
        var (_, ended) = await ending;
        var error = Assert.IsType<BrokenTimestampsException>(ended.Error);
        Assert.Contains("timestamps must advance", error.Message);
        Assert.Empty(ingest.ActiveStreams);
        Assert.NotEmpty(await PublishGoodAsync(media, sink, port, "good"));
    }
}
