using System.Text;
using Livepeer.Core.Crypto;

namespace Livepeer.Core.Tests.Crypto;

public class KeccakTests
{
    [Theory]
    [InlineData("", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [InlineData("The quick brown fox jumps over the lazy dog", "0x4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15")]
    public void KnownAnswers(string input, string expected) =>
        Assert.Equal(expected, Keccak256.Hash(Encoding.ASCII.GetBytes(input)).ToString());

    [Theory]
    [InlineData(135)]
    [InlineData(136)]
    [InlineData(137)]
    [InlineData(272)]
    [InlineData(1000)]
    public void IncrementalMatchesOneShotAcrossBlockBoundaries(int length)
    {
        var data = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        var k = new Keccak256();
        for (var i = 0; i < data.Length; i += 13) k.Update(data.AsSpan(i, Math.Min(13, data.Length - i)));
        Assert.Equal(Keccak256.Hash(data), k.Finish());
    }

    [Fact]
    public void MillionAs() // a long input exercises many permutations; value from the Keccak team's test vectors
    {
        var data = Enumerable.Repeat((byte)'a', 1_000_000).ToArray();
        Assert.Equal("0xfadae6b49f129bbb812be8407b7b2894f34aecf6dbd1f9b0f0c7e9853098fc96", Keccak256.Hash(data).ToString());
    }
}
