using BenchmarkDotNet.Attributes;
using Livepeer.Media.Flv;
using Livepeer.Media.Ingest;
using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Bench;

/// <summary>FLV tags -> Annex B/ADTS -> MPEG-TS segments for 10 s of 360p30 video + AAC (what one stream costs per 10 s).</summary>
[MemoryDiagnoser]
public class RemuxBenchmarks
{
    private List<FlvTag> _tags = [];

    [GlobalSetup]
    public void Setup() => _tags = FlvFileReader.ReadAll(File.ReadAllBytes(SourceMedia.Flv()));

    [Benchmark]
    public long RemuxAndSegmentTenSeconds()
    {
        var remuxer = new FlvRemuxer();
        var segmenter = new Segmenter("bench");
        long bytes = 0;
        foreach (var tag in _tags)
        {
            var frame = tag.Type switch
            {
                FlvTagType.Video => remuxer.Video(tag.Timestamp, tag.Data),
                FlvTagType.Audio => remuxer.Audio(tag.Timestamp, tag.Data),
                _ => null,
            };
            if (remuxer.VideoFormat is { } v) segmenter.Announce(MediaTrackKind.Video, v);
            if (remuxer.AudioFormat is { } a) segmenter.Announce(MediaTrackKind.Audio, a);
            if (frame is { } f && segmenter.Push(f) is { } s) bytes += s.Data.Length;
        }
        return bytes + (segmenter.Flush()?.Data.Length ?? 0);
    }
}
