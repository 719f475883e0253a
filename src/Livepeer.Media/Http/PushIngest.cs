using System.Collections.Concurrent;
using Livepeer.Media.Dash;
using Livepeer.Media.Fmp4;
using Livepeer.Media.Hls;
using Livepeer.Media.Pipeline;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Http;

/// <summary>
/// HTTP push ingest (go-livepeer's PUT /live/{stream}/{seq}.ts): one <see cref="LivePipeline"/> per pushed stream. An ended
/// stream leaves the stores after <paramref name="endedRetention"/> (default 30 s).
/// </summary>
public sealed class PushIngest(IReadOnlyList<VideoProfile> profiles, ITranscoder transcoder, CmafPackager packager, HlsStreamStore hls, DashStreamStore dash,
    string ffprobe = "ffprobe", Action<PipelineResult>? ingested = null, TimeSpan? endedRetention = null, TimeProvider? time = null)
{
    // Told of every pushed segment once it is published (the host's counters).
    private readonly Action<PipelineResult>? _ingested = ingested;
    private readonly ConcurrentDictionary<string, LivePipeline> _pipelines = new(StringComparer.Ordinal);

    /// <summary>The HLS store pushed streams publish to.</summary>
    public HlsStreamStore Hls => hls;

    /// <summary>The DASH store pushed streams publish to.</summary>
    public DashStreamStore Dash => dash;

    /// <summary>Probes, publishes and transcodes one pushed segment.</summary>
    public async Task<PipelineResult> IngestAsync(string stream, long sequence, ReadOnlyMemory<byte> data, long? durationMs, CancellationToken cancellationToken)
    {
        var segment = await SegmentFromTs.CreateAsync(stream, sequence, data, durationMs, ffprobe, null, cancellationToken).ConfigureAwait(false);
        var pipeline = _pipelines.GetOrAdd(stream, s =>
        {
            // A stream name that was ended earlier starts afresh rather than appending to a finished playlist.
            if (hls.TryGet(s, out var old) && old.Ended)
            {
                hls.Remove(s);
                dash.Remove(s);
            }
            return new LivePipeline(s, profiles, transcoder, packager, hls, dash);
        });
        var result = await pipeline.AddSegmentAsync(segment, cancellationToken).ConfigureAwait(false);
        _ingested?.Invoke(result);
        return result;
    }

    /// <summary>Ends a pushed stream (ENDLIST, static MPD).</summary>
    public bool End(string stream)
    {
        if (!_pipelines.TryRemove(stream, out var p)) return false;
        p.End();
        _ = p.RetireAfterAsync(endedRetention ?? TimeSpan.FromSeconds(30), time ?? TimeProvider.System);
        return true;
    }
}
