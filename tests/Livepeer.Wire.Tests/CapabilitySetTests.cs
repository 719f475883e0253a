using Google.Protobuf;
using Livepeer.Wire.Compatibility;
using Livepeer.Wire.Segments;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Wire.Tests;

/// <summary>go-livepeer's capability bitstring and compatibility rule, and its minimal big-endian seed.</summary>
public class CapabilitySetTests
{
    [Fact]
    public void CapabilityNIsBitNMod64OfWordNDiv64()
    {
        Assert.Equal([1UL << 12 | 1UL], CapabilitySet.Of(Capability.AuthToken, Capability.H264).Words);
        var set = CapabilitySet.Of(Capability.Av1Encode);
        Assert.Equal(1UL << (960 % 64), set.Words[960 / 64]);
        Assert.True(set.Contains(Capability.Av1Encode));
        Assert.False(set.Contains(Capability.H264));
        Assert.Equal([Capability.Av1Encode], set.Members());
    }

    [Fact]
    public void AJobFitsWhenItHoldsTheMandatoriesAndTheOrchestratorHoldsTheJob()
    {
        var orchestrator = new Proto.Capabilities { Bitstring = { CapabilitySet.Of(Capability.H264, Capability.MpegTs, Capability.AuthToken).Words }, Mandatories = { CapabilitySet.Of(Capability.AuthToken).Words } };
        Assert.True(CapabilitySet.JobFits(CapabilitySet.Of(Capability.H264, Capability.AuthToken), orchestrator));
        Assert.False(CapabilitySet.JobFits(CapabilitySet.Of(Capability.H264), orchestrator)); // go's nil job caps: no auth token
        Assert.False(CapabilitySet.JobFits(CapabilitySet.Of(Capability.Vp9Encode, Capability.AuthToken), orchestrator));
        Assert.False(CapabilitySet.JobFits(CapabilitySet.Of(Capability.H264, Capability.AuthToken), null)); // no capabilities: legacy only
        // A longer job bitstring never fits, even with zero high words (go compares lengths first).
        Assert.False(CapabilitySet.FromBitstring([1, 0]).IsSubsetOf(CapabilitySet.FromBitstring([1])));
    }

    [Fact]
    public void SeedsAreMinimalBigEndianOnTheWireAndLeftPaddedWhenRead()
    {
        byte[] seed31 = [.. Enumerable.Range(1, 31).Select(i => (byte)i)];
        var padded = HeaderCodec.ToPaddedHash(ByteString.CopyFrom(seed31), "seed");
        Assert.Equal([0, .. seed31], padded.ToArray());
        Assert.Equal(seed31, HeaderCodec.FromPaddedHash(padded).ToByteArray());
        Assert.Throws<WireFormatException>(() => HeaderCodec.ToPaddedHash(ByteString.CopyFrom(new byte[33]), "seed"));
    }
}
