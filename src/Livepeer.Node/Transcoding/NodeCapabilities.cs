using Livepeer.Media.Codecs;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Wire.Compatibility;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Transcoding;

/// <summary>
/// Capabilities in go-livepeer's numbers: what this project's transcoding can do (sent by orchestrators and transcoders),
/// what a ladder needs (sent by broadcasters, go's JobCapabilities rule), and the mandatory set (the auth token).
/// </summary>
public static class NodeCapabilities
{
    /// <summary>The node version sent in Capabilities.version (go broadcasters may require a minimum).</summary>
    public static string Version { get; } = typeof(NodeCapabilities).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";

    /// <summary>What the project's ffmpeg transcoding supports, go's numbers plus the project's own; every codec's and
    /// container's capability comes from the codec tables.</summary>
    public static IReadOnlyList<Capability> Supported { get; } =
    [
        .. new Capability[]
        {
            Capability.FractionalFramerates, Capability.StorageDirect,
            Capability.ProfileH264Baseline, Capability.ProfileH264Main, Capability.ProfileH264High, Capability.ProfileH264ConstrainedHigh,
            Capability.Gop, Capability.AuthToken, Capability.HevcDecode, Capability.Vp8Decode, Capability.Vp9Decode, Capability.SegmentClaim,
        }
        .Concat(CodecTable.All.Select(c => (Capability)c.EncodeCapability))
        .Concat(ContainerTable.All.Select(c => (Capability)c.Capability))
        .Distinct().Order(),
    ];

    /// <summary>
    /// <see cref="Supported"/> less the encoders this machine's ffmpeg lacks, so a broadcaster never picks a node for a
    /// ladder it cannot encode.
    /// </summary>
    public static IReadOnlyList<Capability> SupportedBy(FfmpegEncoders encoders)
    {
        ArgumentNullException.ThrowIfNull(encoders);
        // A codec's capability needs its encoder; a container go-livepeer lacks (WebM) needs an encoder for one of its
        // codecs. Everything else (go's containers, profiles, storage) does not depend on the encoders.
        var missing = new HashSet<Capability>();
        foreach (var codec in CodecTable.All.Where(c => !encoders.Supports(c.Codec)))
            missing.Add((Capability)codec.EncodeCapability);
        foreach (var container in ContainerTable.All.Where(c => c.WireFormat is null))
            if (!CodecTable.All.Any(c => c.Container == container.Container && encoders.Supports(c.Codec)))
                missing.Add((Capability)container.Capability);
        return Supported.Where(c => !missing.Contains(c)).ToList();
    }

    /// <summary>What an orchestrator requires of every job (go's MandatoryOCapabilities).</summary>
    public static CapabilitySet Mandatory { get; } = CapabilitySet.Of(Capability.AuthToken);

    /// <summary>The capabilities message for <paramref name="supported"/>, each with <paramref name="capacity"/>.</summary>
    public static Proto.Capabilities ToProto(IReadOnlyList<Capability> supported, int capacity, bool withMandatories = true)
    {
        var message = new Proto.Capabilities { Version = Version };
        message.Bitstring.Add(CapabilitySet.Of(supported).Words);
        if (withMandatories) message.Mandatories.Add(Mandatory.Words);
        foreach (var c in supported) message.Capacities[(uint)c] = (uint)Math.Max(0, capacity);
        return message;
    }

    /// <summary>go's JobCapabilities for a ladder of H.264 input: auth token, decode, and per profile its format, encoder, profile and GOP.</summary>
    public static CapabilitySet ForJob(IEnumerable<VideoProfile> profiles)
    {
        var caps = new HashSet<Capability> { Capability.AuthToken, Capability.H264 };
        foreach (var p in profiles)
        {
            var codec = CodecTable.Of(p.Codec);
            caps.Add((Capability)ContainerTable.Of(codec.Container).Capability);
            caps.Add((Capability)codec.EncodeCapability);
            caps.Add(Capability.FractionalFramerates); // the wire profile always carries fpsDen (go sets the bit when it is > 0)
            switch (p.EncoderProfile)
            {
                case "baseline": caps.Add(Capability.ProfileH264Baseline); break;
                case "main": caps.Add(Capability.ProfileH264Main); break;
                case "high": caps.Add(Capability.ProfileH264High); break;
                case null or "main10": break; // HEVC main10 has no go-livepeer profile bit
                default: throw new ArgumentOutOfRangeException(nameof(profiles), p.EncoderProfile, "unknown encoder profile");
            }
            if (p.GopSeconds != 0) caps.Add(Capability.Gop);
        }
        return CapabilitySet.Of(caps);
    }

    /// <summary>A job's capabilities as the message a broadcaster sends (bitstring only, as go's).</summary>
    public static Proto.Capabilities JobProto(CapabilitySet job)
    {
        var message = new Proto.Capabilities();
        message.Bitstring.Add(job.Words);
        return message;
    }
}
