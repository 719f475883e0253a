using System.Net.Sockets;
using Livepeer.Media.Rtmp;
using Microsoft.Extensions.Logging;

namespace Livepeer.Media.Tests.Rtmp;

/// <summary>A broken peer ends its own connection and nothing else.</summary>
public class RtmpServerIsolationTests
{
    [Fact]
    public async Task AMalformedCommandEndsThatConnectionOnly()
    {
        var logs = new CountingLoggerFactory();
        var handler = new RecordingHandler();
        await using var server = new RtmpServer(new RtmpServerOptions { Port = 0 }, handler, logs);
        server.Start();
        var port = server.LocalEndPoint.Port;
        var good = await RtmpPublisher.ConnectAsync("127.0.0.1", port, "live", "good", CancellationToken.None);
        var session = handler.Last!;

        // The other peer: a good handshake, then connect whose transaction id is a string.
        using (var bad = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            await bad.ConnectAsync("127.0.0.1", port);
            await bad.SendAsync((byte[])[3, .. new byte[1536], .. new byte[1536], .. PipePeer.Command(3, 0, "connect", "one", null)]);
            var buffer = new byte[8192];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var received = 0;
            int n;
            while ((n = await bad.ReceiveAsync(buffer, timeout.Token)) > 0) received += n;
            Assert.Equal(1 + 1536 * 2, received); // S0+S1+S2, then the server closed without answering the command
        }
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.EndsWith("closed: Command message does not start with a command name and a transaction id.", StringComparison.Ordinal));

        // The good publisher is still publishing.
        await good.SendAsync(6, new VideoMessage(new byte[] { 0x17, 1, 0, 0, 0, 42 }).ToMessage(good.StreamId, 40), CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (session.Messages.Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(("video", 40u), (session.Messages[0].Kind, session.Messages[0].Timestamp));
        Assert.False(session.Ended.Task.IsCompleted);
        await good.DisposeAsync();
        Assert.Null(await session.Ended.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(logs.Errors);
    }
}
