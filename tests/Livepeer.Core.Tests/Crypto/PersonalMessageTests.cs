using Livepeer.Core.Crypto;

namespace Livepeer.Core.Tests.Crypto;

public class PersonalMessageTests
{
    // The example in web3.js' accounts.sign documentation.
    private const string KeyHex = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private const string ExpectedHash = "0x1da44b586eb0729ff70a73c326926f6ed5a25f5b056e7f47fbc6e58d86871655";
    private const string ExpectedSignature = "0xb91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a0291c";

    [Fact]
    public void KnownVector()
    {
        using var key = PrivateKey.Parse(KeyHex);
        Assert.Equal(ExpectedHash, PersonalMessage.Hash("Some data").ToString());
        Assert.Equal(ExpectedSignature, PersonalMessage.Sign(key, "Some data").ToString());
        Assert.Equal(key.Address, PersonalMessage.Recover("Some data", Signature.Parse(ExpectedSignature)));
        Assert.True(PersonalMessage.Verify("Some data", Signature.Parse(ExpectedSignature), key.Address));
        Assert.False(PersonalMessage.Verify("Some other data", Signature.Parse(ExpectedSignature), key.Address));
    }

    [Fact]
    public void LengthIsTheUtf8ByteCount()
    {
        // "é" is 2 bytes in UTF-8: the prefix must say 2, not 1.
        var expected = Keccak256.Hash("\u0019Ethereum Signed Message:\n2"u8.ToArray().Concat("é"u8.ToArray()).ToArray());
        Assert.Equal(expected, PersonalMessage.Hash("é"));
    }
}
