using Livepeer.Core;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Orchestrator.Results;

/// <summary>A signed answer to a segment: the source it was for, the result sent (URLs, pixels, signature) and the rendition paths.</summary>
public sealed record AnsweredSegment(Hash SourceHash, Proto.TranscodeData Data, IReadOnlyList<string> Paths, long Pixels, DateTimeOffset Expires);
