using Livepeer.Media.Codecs;
using Livepeer.Media.Dash;
using Livepeer.Media.Fmp4;
using Livepeer.Media.Hls;
using Livepeer.Media.Pipeline;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Tests.Pipeline;

/// <summary>Runs the small test segments through a live pipeline once (H.264 + VP9 + VP8 renditions) for the HLS/DASH/HTTP tests.</summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    public static readonly VideoProfile[] Ladder =
    [
        new("h180", 320, 180, 400_000, 30, 1, 1.0),
        new("h90", 160, 90, 150_000, 30, 1, 1.0),
        new("v90", 160, 90, 150_000, 30, 1, 1.0, VideoCodec.Vp9),
        new("p90", 160, 90, 150_000, 30, 1, 1.0, VideoCodec.Vp8),
    ];

    public HlsStreamStore Hls { get; } = new();
    public DashStreamStore Dash { get; } = new();
    public List<PipelineResult> Results { get; } = new();
    public FfmpegTranscoder Transcoder { get; } = new();
    public CmafPackager Packager { get; } = new();
    public LivePipeline Pipeline { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Pipeline = new LivePipeline("live", Ladder, Transcoder, Packager, Hls, Dash);
        foreach (var seg in TestMedia.SmallSegments)
            Results.Add(await Pipeline.AddSegmentAsync(seg));
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition("pipeline")]
public sealed class PipelineCollection : ICollectionFixture<PipelineFixture>;
