using BenchmarkDotNet.Attributes;
using Livepeer.Media.Hls;

namespace Livepeer.Media.Bench;

/// <summary>Cost of the per-segment playlist work on the live path (append + render of a 6-segment window, master render).</summary>
[MemoryDiagnoser]
public class PlaylistBenchmarks
{
    private HlsStream _stream = null!;
    private int _seq;

    [GlobalSetup]
    public void Setup()
    {
        _stream = new HlsStreamStore().GetOrCreate("bench");
        foreach (var name in new[] { "source", "P720p30fps16x9", "P360p30fps16x9", "P240p30fps16x9" })
            _stream.SetVariant(new HlsVariantInfo(name, 1280, 720, 30, "avc1.64001F,mp4a.40.2"));
        for (; _seq < 10; _seq++) _stream.AddSegment("source", $"{_seq}.ts", 2.0, false, new byte[1000], "video/mp2t");
    }

    [Benchmark]
    public string AppendAndRenderVariant()
    {
        _stream.AddSegment("source", $"{_seq++}.ts", 2.0, false, new byte[1000], "video/mp2t");
        return _stream.RenderVariant("source")!;
    }

    [Benchmark]
    public string RenderMaster() => _stream.RenderMaster();
}
