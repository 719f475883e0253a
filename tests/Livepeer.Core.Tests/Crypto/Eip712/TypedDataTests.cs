using System.Numerics;
using System.Text;
using Livepeer.Core.Crypto;
using Livepeer.Core.Crypto.Eip712;

namespace Livepeer.Core.Tests.Crypto.Eip712;

public class TypedDataTests
{
    // The "Mail" example from the EIP-712 specification (eip-712.md and its Example.js).
    private const string MailJson = """
        {
          "types": {
            "EIP712Domain": [
              {"name": "name", "type": "string"}, {"name": "version", "type": "string"},
              {"name": "chainId", "type": "uint256"}, {"name": "verifyingContract", "type": "address"}
            ],
            "Person": [{"name": "name", "type": "string"}, {"name": "wallet", "type": "address"}],
            "Mail": [{"name": "from", "type": "Person"}, {"name": "to", "type": "Person"}, {"name": "contents", "type": "string"}]
          },
          "primaryType": "Mail",
          "domain": {"name": "Ether Mail", "version": "1", "chainId": 1, "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
          "message": {
            "from": {"name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},
            "to": {"name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},
            "contents": "Hello, Bob!"
          }
        }
        """;

    private static TypedData MailInCSharp() => new(
        new Eip712Domain
        {
            Name = "Ether Mail",
            Version = "1",
            ChainId = 1UL,
            VerifyingContract = Address.Parse("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"),
        },
        "Mail",
        new Eip712Struct
        {
            ["from"] = new Eip712Struct { ["name"] = "Cow", ["wallet"] = Address.Parse("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826") },
            ["to"] = new Eip712Struct { ["name"] = "Bob", ["wallet"] = Address.Parse("0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB") },
            ["contents"] = "Hello, Bob!",
        },
        [new Eip712Type("Person", ("name", "string"), ("wallet", "address")),
         new Eip712Type("Mail", ("from", "Person"), ("to", "Person"), ("contents", "string"))]);

    [Fact]
    public void MailKnownAnswers()
    {
        foreach (var mail in new[] { TypedData.Parse(MailJson), MailInCSharp() })
        {
            Assert.Equal("Mail(Person from,Person to,string contents)Person(string name,address wallet)", mail.Encoder.EncodeType("Mail"));
            Assert.Equal("0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2", mail.Encoder.TypeHash("Mail").ToString());
            Assert.Equal("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f", mail.DomainSeparator.ToString());
            Assert.Equal("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e", mail.MessageHash.ToString());
            Assert.Equal("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2", mail.Digest.ToString());

            using var cow = PrivateKey.FromBytes(Keccak256.Hash(Encoding.ASCII.GetBytes("cow")).Bytes);
            var signature = mail.Sign(cow);
            Assert.Equal(28, signature.V);
            Assert.Equal("0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d", Hex.Encode(signature.R));
            Assert.Equal("0x07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562", Hex.Encode(signature.S));
            Assert.Equal(cow.Address, mail.Recover(signature));
        }
    }

    [Fact]
    public void JsonRoundTripKeepsTheDigest()
    {
        var mail = MailInCSharp();
        var again = TypedData.Parse(mail.ToJson(indented: true));
        Assert.Equal(mail.Digest, again.Digest);
        Assert.Contains("\"EIP712Domain\"", mail.ToJson());
    }

    [Fact]
    public void DependenciesAreSortedByNameAfterThePrimaryType()
    {
        var encoder = new TypedDataEncoder([
            new Eip712Type("Z", ("a", "Y"), ("b", "A[]")),
            new Eip712Type("Y", ("x", "uint8")),
            new Eip712Type("A", ("y", "Y"), ("self", "A[2]")),
        ]);
        Assert.Equal("Z(Y a,A[] b)A(Y y,A[2] self)Y(uint8 x)", encoder.EncodeType("Z"));
    }

    [Fact]
    public void ArraysBytesAndIntegersEncodeAsTheSpecSays()
    {
        var encoder = new TypedDataEncoder([
            new Eip712Type("T", ("u", "uint256[]"), ("f", "address[2]"), ("b", "bytes"), ("b4", "bytes4"), ("i", "int8"), ("ok", "bool"), ("s", "S[]")),
            new Eip712Type("S", ("n", "uint16")),
        ]);
        var a1 = Address.Parse("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");
        var value = new Eip712Struct
        {
            ["u"] = new List<UInt256> { 1UL, UInt256.MaxValue },
            ["f"] = new[] { a1, Address.Zero },
            ["b"] = new byte[] { 1, 2, 3 },
            ["b4"] = "0xdeadbeef",
            ["i"] = -1,
            ["ok"] = true,
            ["s"] = new List<Eip712Struct> { new() { ["n"] = 7 } },
        };
        var data = encoder.EncodeData("T", value);
        Assert.Equal(32 * 8, data.Length);
        Assert.Equal(encoder.TypeHash("T").ToArray(), data[..32]);
        Assert.Equal(Keccak256.HashConcat(UInt256.One.ToBigEndian32(), UInt256.MaxValue.ToBigEndian32()).ToArray(), data[32..64]);
        var padded = new byte[32];
        a1.Bytes.CopyTo(padded.AsSpan(12));
        Assert.Equal(Keccak256.HashConcat(padded, new byte[32]).ToArray(), data[64..96]);
        Assert.Equal(Keccak256.Hash([1, 2, 3]).ToArray(), data[96..128]);
        Assert.Equal(Hex.Decode("0xdeadbeef00000000000000000000000000000000000000000000000000000000"), data[128..160]);
        Assert.All(data[160..192], b => Assert.Equal(0xFF, b)); // -1 sign-extended
        Assert.Equal(1, data[223]);
        var s = encoder.HashStruct("S", new Eip712Struct { ["n"] = 7 });
        Assert.Equal(Keccak256.Hash(s.Bytes).ToArray(), data[224..256]);
    }

    [Theory]
    [InlineData("uint8", 256, "does not fit in uint8")]
    [InlineData("uint256", -1, "does not fit in uint256")]
    [InlineData("int8", 128, "does not fit in int8")]
    [InlineData("bytes4", "0xdead", "exactly 4 bytes")]
    [InlineData("address", "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD827", "checksum")]
    [InlineData("address", 5, "an address is required")]
    [InlineData("bool", "true", "bool")]
    [InlineData("string", 5, "a string is required")]
    [InlineData("uint256", "12x", "not an integer")]
    public void ValuesThatDoNotFitTheirTypeAreRefusedWithThePath(string type, object value, string reason)
    {
        var encoder = new TypedDataEncoder([new Eip712Type("T", ("v", type))]);
        var e = Assert.Throws<TypedDataException>(() => encoder.HashStruct("T", new Eip712Struct { ["v"] = value }));
        Assert.Contains("T.v", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void StructuralErrorsAreRefused()
    {
        var encoder = new TypedDataEncoder([new Eip712Type("T", ("a", "uint256[2]"))]);
        Assert.Contains("missing", Assert.Throws<TypedDataException>(() => encoder.HashStruct("T", new Eip712Struct())).Message);
        Assert.Contains("not a member", Assert.Throws<TypedDataException>(() =>
            encoder.HashStruct("T", new Eip712Struct { ["a"] = new[] { 1, 2 }, ["b"] = 1 })).Message);
        Assert.Contains("exactly 2 elements", Assert.Throws<TypedDataException>(() =>
            encoder.HashStruct("T", new Eip712Struct { ["a"] = new[] { 1 } })).Message);
        Assert.Contains("not declared", Assert.Throws<TypedDataException>(() => encoder.EncodeType("U")).Message);
        Assert.Contains("neither", Assert.Throws<TypedDataException>(() => new TypedDataEncoder([new Eip712Type("T", ("a", "Missing"))])).Message);
        Assert.Contains("neither", Assert.Throws<TypedDataException>(() => new TypedDataEncoder([new Eip712Type("T", ("a", "uint7"))])).Message);
        Assert.Contains("array type", Assert.Throws<TypedDataException>(() => new TypedDataEncoder([new Eip712Type("T", ("a", "uint8[x]"))])).Message);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "must be an object")]
    [InlineData("""{"types":{},"domain":{},"message":{}}""", "primaryType")]
    [InlineData("""{"types":{"T":[]},"primaryType":"U","domain":{},"message":{}}""", "primary type 'U'")]
    [InlineData("""{"types":{"T":[]},"primaryType":"T","domain":{"chainId":"x"},"message":{}}""", "domain.chainId")]
    [InlineData("""{"types":{"T":[]},"primaryType":"T","domain":{"foo":1},"message":{}}""", "domain.foo")]
    [InlineData("""{"types":{"EIP712Domain":[{"name":"name","type":"string"}],"T":[]},"primaryType":"T","domain":{},"message":{}}""", "does not match")]
    [InlineData("""{"types":{"T":[{"name":"v","type":"uint8"}]},"primaryType":"T","domain":{},"message":{"v":1.5}}""", "not an integer")]
    public void BadJsonIsRefused(string json, string reason)
    {
        var e = Assert.Throws<TypedDataException>(() => TypedData.Parse(json));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void DomainWithSaltAndWithoutNameHashesOnlyPresentFields()
    {
        var domain = new Eip712Domain { ChainId = 42UL, Salt = Keccak256.Hash("salt"u8) };
        Assert.Equal(["chainId", "salt"], domain.Type.Fields.Select(f => f.Name));
        var expected = Keccak256.HashConcat(
            Keccak256.Hash("EIP712Domain(uint256 chainId,bytes32 salt)"u8).ToArray(),
            new UInt256(new BigInteger(42)).ToBigEndian32(),
            Keccak256.Hash("salt"u8).ToArray());
        Assert.Equal(expected, domain.Separator());
    }
}
