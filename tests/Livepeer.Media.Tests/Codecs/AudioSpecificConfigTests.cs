using Livepeer.Media.Codecs;

namespace Livepeer.Media.Tests.Codecs;

public class AudioSpecificConfigTests
{
    [Fact]
    public void AacLc44100StereoGivesTheStandardAdtsHeader()
    {
        var asc = AudioSpecificConfig.Parse([0x12, 0x10]);
        Assert.Equal((2, 4, 2, 44100), (asc.ObjectType, asc.SamplingFrequencyIndex, asc.ChannelConfiguration, asc.SampleRate));
        var header = new byte[7];
        asc.WriteAdtsHeader(header, 100);
        // syncword FFF, MPEG-4, no CRC; LC (1), index 4, 2 channels, frame length 107, fullness 7FF, 1 raw block.
        Assert.Equal(new byte[] { 0xFF, 0xF1, 0x50, 0x80, 0x0D, 0x7F, 0xFC }, header);
    }

    [Fact]
    public void ExplicitHeAacFallsBackToTheCoreLcStream()
    {
        // object type 5 (SBR), core index 6 (24 kHz), stereo, extension index 3 (48 kHz), core object type 2.
        var asc = AudioSpecificConfig.Parse([0x2B, 0x11, 0x8A, 0x00]);
        Assert.Equal((2, 6, 2), (asc.ObjectType, asc.SamplingFrequencyIndex, asc.ChannelConfiguration));
    }

    [Theory]
    [InlineData(new byte[] { 0x12 })]
    [InlineData(new byte[] { 0x17, 0x80, 0, 0, 0 })] // explicit frequency (index 15)
    [InlineData(new byte[] { 0x3A, 0x10 })] // object type 7: not ADTS-able
    [InlineData(new byte[] { 0x12, 0x00 })] // channel configuration 0
    public void UnusableConfigsThrow(byte[] bytes) => Assert.Throws<CodecFormatException>(() => AudioSpecificConfig.Parse(bytes));

    [Fact]
    public void OversizedFrameThrows() => Assert.Throws<CodecFormatException>(() => AudioSpecificConfig.Parse([0x12, 0x10]).WriteAdtsHeader(new byte[7], 9000));
}
