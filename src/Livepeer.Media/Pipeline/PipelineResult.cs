using Livepeer.Media.Segmenting;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Pipeline;

/// <summary>What happened to one segment in a <see cref="LivePipeline"/>: the renditions, or the error that stopped them.</summary>
/// <param name="Segment">The source segment.</param>
/// <param name="Transcoded">The transcoder's output, or null when transcoding failed.</param>
/// <param name="Error">The failure, or null. The source rendition is published even when the renditions fail.</param>
public sealed record PipelineResult(MediaSegment Segment, TranscodeResult? Transcoded, Exception? Error);
