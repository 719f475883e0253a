using Livepeer.Media.Amf;
using Livepeer.Media.Flv;
using Livepeer.Media.Ingest;
using Livepeer.Media.MpegTs;
using Livepeer.Media.Rtmp;
using Livepeer.Media.Segmenting;
using Livepeer.Media.Tests.Ingest;

namespace Livepeer.Media.Tests.Fuzzing;

/// <summary>
/// A bounded, seeded mutation fuzzer for the RTMP, AMF0, FLV and TS parsers: mutated valid inputs may only ever fail with
/// the parsers' typed errors, never with anything else (index, null, overflow, out-of-memory).
/// </summary>
[Collection(MediaCollection.Name)]
public class ParserFuzzTests(MediaFixture media)
{
    private const int Seed = 20261123;

    private static bool Expected(Exception ex) => ex is FormatException or RtmpProtocolException;

    private static void Run(string target, int iterations, byte[][] corpus, Action<byte[]> parse, int protectPrefix = 0)
    {
        var random = new Random(Seed);
        for (var i = 0; i < iterations; i++)
        {
            var input = Mutator.Mutate(corpus[random.Next(corpus.Length)], random, protectPrefix);
            try
            {
                parse(input);
            }
            catch (Exception ex) when (Expected(ex))
            {
            }
            catch (Exception ex)
            {
                Assert.Fail($"{target} iteration {i} (seed {Seed}) threw {ex.GetType().Name}: {ex.Message}\ninput: {Convert.ToHexString(input.AsSpan(0, Math.Min(256, input.Length)))}\n{ex.StackTrace}");
            }
        }
    }

    private List<FlvTag> Tags() => Livepeer.Media.Flv.FlvFileReader.ReadAll(media.H264AacFlv);

    [Fact]
    public void Amf0ReaderSurvivesMutations()
    {
        byte[][] corpus =
        [
            Amf0Writer.Encode("connect", 1.0, new AmfObject { { "app", "live" }, { "tcUrl", "rtmp://x/live" }, { "fpad", false }, { "n", 3.0 } }),
            Amf0Writer.Encode("@setDataFrame", "onMetaData", new AmfEcmaArray { { "width", 1.0 }, { "encoder", "x" } }),
            Amf0Writer.Encode(new object?[] { 1.0, "a", null, AmfUndefined.Value, new AmfDate(5), new string('z', 300) }),
        ];
        Run("AMF0", 30000, corpus, bytes => Livepeer.Media.Amf.Amf0Reader.ReadAll(bytes));
    }

    [Fact]
    public void RtmpChunkReaderWithCommandAndMediaDecoding()
    {
        var session = SessionBytes.Build("k", Tags().Take(40));
        var chunks = session[SessionBytes.HandshakeLength..];
        Run("RTMP chunks", 3000, [chunks], bytes =>
        {
            var reader = new RtmpChunkReader(maxMessageSize: 1 << 20);
            var remuxer = new FlvRemuxer();
            var seq = new System.Buffers.ReadOnlySequence<byte>(bytes);
            while (reader.TryReadMessage(ref seq, out var m))
            {
                switch (m.Type)
                {
                    case RtmpMessageType.SetChunkSize when m.Payload.Length >= 4:
                        reader.ChunkSize = (int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(m.Payload.Span) & 0x7FFFFFFF);
                        break;
                    case RtmpMessageType.CommandAmf0 or RtmpMessageType.DataAmf0:
                        Livepeer.Media.Amf.Amf0Reader.ReadAll(m.Payload.Span);
                        break;
                    case RtmpMessageType.Video:
                        remuxer.Video(m.Timestamp, m.Payload);
                        break;
                    case RtmpMessageType.Audio:
                        remuxer.Audio(m.Timestamp, m.Payload);
                        break;
                }
            }
        });
    }

    [Fact]
    public async Task RtmpConnectionStateMachine()
    {
        var session = SessionBytes.Build("k", Tags().Take(40));
        var random = new Random(Seed);
        var logs = new CountingLoggerFactory();
        for (var i = 0; i < 150; i++)
        {
            var input = Mutator.Mutate(session, random, SessionBytes.HandshakeLength);
            var toServer = new System.IO.Pipelines.Pipe();
            var toClient = new System.IO.Pipelines.Pipe();
            var ingest = new LiveIngest(new ChannelMediaSegmentSink());
            var connection = new RtmpConnection(i, toServer.Reader, toClient.Writer, null, new RtmpServerOptions(), ingest, logs.CreateLogger("fuzz"), TimeProvider.System);
            var run = connection.RunAsync(CancellationToken.None);
            var drain = Task.Run(async () =>
            {
                while (true)
                {
                    var r = await toClient.Reader.ReadAsync();
                    toClient.Reader.AdvanceTo(r.Buffer.End);
                    if (r.IsCompleted) break;
                }
            });
            await toServer.Writer.WriteAsync(input);
            await toServer.Writer.CompleteAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(10));
            await drain.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Empty(ingest.ActiveStreams); // per-stream state is gone once the connection is
        }
        Assert.Empty(logs.Errors);
    }

    [Fact]
    public void FlvTagsThroughRemuxerAndSegmenter()
    {
        var tags = Tags().Where(t => t.Type != FlvTagType.ScriptData).Take(60).ToList();
        var bodies = tags.Select(t => new[] { (byte)t.Type }.Concat(t.Data.ToArray()).ToArray()).ToArray();
        var headers = bodies.Take(4).ToArray(); // sequence headers and the first frames are the richest
        var random = new Random(Seed);
        Run("FLV tags", 20000, bodies.Concat(headers).ToArray(), body =>
        {
            if (body.Length == 0) return;
            var remuxer = new FlvRemuxer();
            var segmenter = new Segmenter("f");
            // Feed the real headers first so mutated frames hit the Annex B and ADTS paths.
            foreach (var t in tags.Take(3)) _ = t.Type == FlvTagType.Video ? remuxer.Video(0, t.Data) : remuxer.Audio(0, t.Data);
            if (remuxer.VideoFormat is { } v) segmenter.Announce(MediaTrackKind.Video, v);
            var frame = body[0] == 9 ? remuxer.Video(40, body.AsMemory(1)) : remuxer.Audio(40, body.AsMemory(1));
            if (frame is { } f) segmenter.Push(f);
            segmenter.Flush();
        });
    }

    [Fact]
    public void FlvFileReaderSurvivesMutations()
    {
        var prefix = media.H264AacFlv[..20000];
        Run("FLV file", 2000, [prefix], bytes => Livepeer.Media.Flv.FlvFileReader.ReadAll(bytes));
    }

    [Fact]
    public void TsDemuxerAndProbe()
    {
        var segment = FlvFileRemuxTests.Segment(media.H264AacFlv)[0].Data.ToArray()[..(188 * 120)];
        Run("TS", 3000, [segment], bytes =>
        {
            // Mutations that change the length are realigned half the time so the packet parser itself gets exercised.
            var aligned = bytes.Length % 188 == 0 || bytes.Length < 188 ? bytes : bytes[..(bytes.Length / 188 * 188)];
            TsDemuxer.Demux(bytes.Length % 2 == 0 ? aligned : bytes);
            TsSegmentInfo.Probe(aligned);
        });
    }
}
