using Livepeer.Core.Crypto;
using Livepeer.Core.Keystores;

namespace Livepeer.Core.Tests.Interop;

/// <summary>Ours and ethers' agree on addresses, personal signatures, EIP-712 and keystores, in both directions.</summary>
public class EthersCryptoTests(EthersCryptoFixture fixture) : IClassFixture<EthersCryptoFixture>
{
    [Fact]
    public void RanTheExpectedNumberOfCasesWithEthersV6()
    {
        Assert.Equal(EthersCryptoFixture.CaseCount, fixture.Results.Count);
        Assert.StartsWith("6.", fixture.EthersVersion);
    }

    [Fact]
    public void AddressesAgree()
    {
        for (var i = 0; i < fixture.Cases.Count; i++)
            Assert.Equal((string)fixture.Results[i]["address"]!, fixture.Cases[i].Key.Address.ToChecksumString());
    }

    [Fact]
    public void PersonalMessagesBothWays()
    {
        for (var i = 0; i < fixture.Cases.Count; i++)
        {
            var c = fixture.Cases[i];
            var r = fixture.Results[i];
            Assert.Equal((string)r["hashMessage"]!, PersonalMessage.Hash(c.Message).ToString());
            // ethers' signature is accepted by us (and, both being RFC 6979 and low-s, identical to ours)
            var theirs = Signature.Parse((string)r["signMessage"]!);
            Assert.Equal(c.Key.Address, PersonalMessage.Recover(c.Message, theirs));
            Assert.Equal(c.OurMessageSignature, theirs);
            // ours is accepted by ethers
            Assert.Equal(c.Key.Address.ToChecksumString(), (string)r["recoveredFromOurs"]!);
        }
    }

    [Fact]
    public void TypedDataBothWays()
    {
        for (var i = 0; i < fixture.Cases.Count; i++)
        {
            var c = fixture.Cases[i];
            var r = fixture.Results[i];
            Assert.Equal((string)r["typedDigest"]!, c.Typed.Digest.ToString());
            var theirs = Signature.Parse((string)r["signTypedData"]!);
            Assert.Equal(c.Key.Address, c.Typed.Recover(theirs));
            Assert.Equal(c.OurTypedSignature, theirs);
            Assert.Equal(c.Key.Address.ToChecksumString(), (string)r["recoveredTypedFromOurs"]!);
        }
    }

    [Fact]
    public void KeystoresBothWays()
    {
        var checkedCount = 0;
        for (var i = 0; i < fixture.Cases.Count; i++)
        {
            var c = fixture.Cases[i];
            var r = fixture.Results[i];
            if (c.OurKeystore is null) continue;
            var fromOurs = (string)r["keyFromOurKeystore"]!;
            Assert.True(c.Key.ToHex() == fromOurs, $"case {i} ({KeystoreFile.ReadKdf(c.OurKeystore)}, password '{c.Password}'): {fromOurs}");
            var ethersKeystore = (string)r["ethersKeystore"]!;
            using var opened = KeystoreFile.Decrypt(ethersKeystore, c.Password);
            Assert.Equal(c.Key.ToHex(), opened.ToHex());
            Assert.Equal("scrypt", KeystoreFile.ReadKdf(ethersKeystore));
            Assert.Throws<WrongPasswordException>(() => KeystoreFile.Decrypt(ethersKeystore, c.Password + "x"));
            checkedCount++;
        }
        Assert.Equal(EthersCryptoFixture.KeystoreCaseCount, checkedCount);
    }
}
