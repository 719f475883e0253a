using Livepeer.Node.Orchestrator.Results;
using Microsoft.Extensions.Logging;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Orchestrator.Misbehaviour;

/// <summary>
/// Test-only cheat around the answer stage (<see cref="Misbehaviour.Equivocate"/>): a segment sent again gets a second,
/// different answer — each rendition of the honest one with one MPEG-TS null packet appended (still a valid stream),
/// signed. Two signed results for one segment are slashable by anyone.
/// </summary>
public sealed class EquivocatingAnswer(IRepeatedSegmentAnswer inner, ResultSigner signer, ILogger logger) : IRepeatedSegmentAnswer
{
    // An MPEG-TS null packet: appended to a rendition, it changes the bytes and leaves a valid stream.
    private static readonly byte[] NullPacket = [0x47, 0x1F, 0xFF, 0x10, .. Enumerable.Repeat((byte)0xFF, 184)];

    /// <inheritdoc/>
    public Proto.TranscodeData Answer(RepeatedSegment segment)
    {
        var honest = inner.Answer(segment);
        var data = new Proto.TranscodeData();
        var renditions = new List<byte[]>();
        var baseUrl = segment.ServiceUri.ToString().TrimEnd('/');
        for (var i = 0; i < segment.Previous.Paths.Count; i++)
        {
            var (bytes, contentType) = segment.Renditions.Get(segment.Previous.Paths[i])!.Value;
            var changed = (byte[])[.. bytes, .. NullPacket];
            renditions.Add(changed);
            var path = segment.Renditions.Put($"/stream/{segment.SessionId}/{segment.Seq}/{i}-again.ts", changed, contentType);
            data.Segments.Add(new Proto.TranscodedSegmentData { Url = baseUrl + path, Pixels = honest.Segments[i].Pixels });
        }
        signer.Sign(data, segment.ManifestId, segment.Seq, segment.ProfilesHash, segment.SourceHash, renditions);
        logger.Equivocating(segment.ManifestId, segment.Seq);
        return data;
    }
}
