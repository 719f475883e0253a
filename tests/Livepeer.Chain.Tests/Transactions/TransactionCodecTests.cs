using System.Text;
using System.Text.Json.Nodes;
using Livepeer.Chain.Sequencing;
using Livepeer.Chain.Transactions;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Core.Tests.Interop;
using Livepeer.Protocol.Signing;

namespace Livepeer.Chain.Tests.Transactions;

public class TransactionCodecTests
{
    private static readonly CallCatalog Catalog = new(
        [
            SignedStruct.Of<TransferCall>("Transfer", "address to, uint256 amount"),
            SignedStruct.Of<UnlockCall>("Unlock", ""),
            SignedStruct.Of<VoteCall>("Vote", "uint64 proposalId, uint8 choice, string reason, bool final"),
            SignedStruct.Of<RedeemCall>("Redeem", "TestTicket ticket, bytes signature, uint256 recipientRand"),
            SignedStruct.Of<BatchCall>("Batch", "address[] targets, int32 count"),
        ],
        [SignedStruct.Of<TestTicket>("TestTicket", "address recipient, int64 creationRound, bytes32 creationRoundBlockHash")]);
    private static readonly TransactionCodec Codec = new(Catalog, 1337);
    private static readonly PrivateKey Key = PrivateKey.Parse("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    private static readonly Address Bob = Address.Parse("0x0000000000000000000000000000000000000b0b");

    [Fact]
    public void TypesFollowTheDeclarations()
    {
        Assert.Equal("Transfer(uint256 nonce,address to,uint256 amount)", Catalog.Find("Transfer")!.Encoder.EncodeType("Transfer"));
        Assert.Equal("Unlock(uint256 nonce)", Catalog.Find("Unlock")!.Encoder.EncodeType("Unlock"));
        Assert.Equal("Vote(uint256 nonce,uint64 proposalId,uint8 choice,string reason,bool final)", Catalog.Find("Vote")!.Encoder.EncodeType("Vote"));
        Assert.Equal("Redeem(uint256 nonce,TestTicket ticket,bytes signature,uint256 recipientRand)TestTicket(address recipient,int64 creationRound,bytes32 creationRoundBlockHash)",
            Catalog.Find("Redeem")!.Encoder.EncodeType("Redeem"));
        Assert.Equal("Batch(uint256 nonce,address[] targets,int32 count)", Catalog.Find("Batch")!.Encoder.EncodeType("Batch"));
        Assert.Equal(["Batch", "Redeem", "Transfer", "Unlock", "Vote"], Catalog.Names);
    }

    [Fact]
    public void EveryKindOfCallRoundTrips()
    {
        var ticket = new TestTicket(Bob, 42, Hash.Parse("0x" + new string('a', 64)));
        object[] calls =
        [
            new TransferCall(Bob, UInt256.Parse("1000000000000000000000")),
            new UnlockCall(),
            new VoteCall(7, VoteChoice.Abstain, "looks good 👍", true),
            new RedeemCall(ticket, [1, 2, 3], UInt256.MaxValue),
            new BatchCall([Bob, Key.Address], -3),
        ];
        for (var i = 0; i < calls.Length; i++)
        {
            var raw = Codec.Encode(calls[i], (ulong)i, Key);
            var tx = Codec.Decode(raw);
            Assert.Equal(Key.Address, tx.Sender);
            Assert.Equal((ulong)i, tx.Nonce);
            Assert.Equal(calls[i].GetType(), tx.Call.GetType());
            // Re-encoding the decoded call signs the same digest: nothing was lost or changed.
            Assert.Equal(Codec.ToTypedData(calls[i], (ulong)i).Digest, Codec.ToTypedData(tx.Call, (ulong)i).Digest);
        }
        var redeem = (RedeemCall)Codec.Decode(Codec.Encode(calls[3], 3, Key)).Call;
        Assert.Equal(ticket, redeem.Ticket);
        Assert.Equal([1, 2, 3], redeem.Signature);
        Assert.Equal(UInt256.MaxValue, redeem.RecipientRand);
        var batch = (BatchCall)Codec.Decode(Codec.Encode(calls[4], 4, Key)).Call;
        Assert.Equal([Bob, Key.Address], batch.Targets);
    }

    [Fact]
    public void HashIsUniquePerSignedContent()
    {
        var a = Codec.Decode(Codec.Encode(new UnlockCall(), 0, Key));
        var b = Codec.Decode(Codec.Encode(new UnlockCall(), 1, Key));
        Assert.NotEqual(a.Hash, b.Hash);
        Assert.Equal(a.Hash, Codec.Decode(Codec.Encode(new UnlockCall(), 0, Key)).Hash);
    }

    private static byte[] Mutate(object call, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(Codec.Encode(call, 0, Key))!.AsObject();
        change(root);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    public static TheoryData<string, string> Rejections() => new()
    {
        { "oversized", "Oversized" },
        { "not json", "Malformed" },
        { "no signature", "Malformed" },
        { "bad typed data", "Malformed" },
        { "other chain", "WrongChainId" },
        { "other domain", "WrongDomain" },
        { "unknown call", "UnknownCall" },
        { "other schema", "SchemaMismatch" },
        { "no nonce", "Malformed" },
        { "bad amount", "Malformed" },
        { "high s", "BadSignature" },
        { "short signature", "BadSignature" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void InvalidTransactionsAreRejectedWithTheirReason(string kind, string reason)
    {
        var call = new TransferCall(Bob, 5);
        var raw = kind switch
        {
            "oversized" => new byte[TransactionCodec.MaxRawBytes + 1],
            "not json" => "{{{"u8.ToArray(),
            "no signature" => Mutate(call, r => r.Remove("signature")),
            "bad typed data" => Mutate(call, r => r["typedData"]!["primaryType"] = "Nope"),
            "other chain" => Mutate(call, r => r["typedData"]!["domain"]!["chainId"] = 1),
            "other domain" => Mutate(call, r => r["typedData"]!["domain"]!["name"] = "Other"),
            "unknown call" => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Codec.Encode(call, 0, Key)).Replace("\"Transfer\"", "\"Mint\"")),
            "other schema" => Mutate(call, r => r["typedData"]!["types"]!["Transfer"]![2]!["type"] = "uint128"),
            "no nonce" => Mutate(call, r => r["typedData"]!["message"]!.AsObject().Remove("nonce")),
            "bad amount" => Mutate(call, r => r["typedData"]!["message"]!["amount"] = "-5"),
            "high s" => Mutate(call, r => r["signature"] = HighS((string)r["signature"]!)),
            "short signature" => Mutate(call, r => r["signature"] = "0x1234"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var e = Assert.Throws<TransactionRejectedException>(() => Codec.Decode(raw));
        Assert.Equal(reason, e.Reason);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    private static string HighS(string signature)
    {
        // s' = n - s with v flipped is the same signature in its high-s form, which the ledger refuses.
        var bytes = Hex.Decode(signature);
        var n = System.Numerics.BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);
        var s = new System.Numerics.BigInteger(bytes.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        (n - s).ToByteArray(isUnsigned: true, isBigEndian: true).CopyTo(bytes, 32);
        bytes[64] = (byte)(bytes[64] == 27 ? 28 : 27);
        return Hex.Encode(bytes);
    }

    [Fact]
    public void ATamperedMessageRecoversAnotherSender()
    {
        var raw = Mutate(new TransferCall(Bob, 5), r => r["typedData"]!["message"]!["amount"] = "6");
        Assert.NotEqual(Key.Address, Codec.Decode(raw).Sender);
    }

    [Fact]
    public void EthersSignedTransactionsAreAcceptedAndOursVerifyInEthers()
    {
        var random = new Random(5);
        var cases = Enumerable.Range(0, 12).Select(i =>
        {
            var key = PrivateKey.Generate(span => random.NextBytes(span));
            object call = (i % 4) switch
            {
                0 => new TransferCall(Bob, (ulong)random.NextInt64(1, long.MaxValue)),
                1 => new VoteCall((ulong)i, VoteChoice.For, $"reason {i} ✓", i % 2 == 0),
                2 => new RedeemCall(new TestTicket(Bob, i, Hash.Zero), [(byte)i, 9], (ulong)i),
                _ => new BatchCall([Bob, key.Address], i),
            };
            var typed = Codec.ToTypedData(call, (ulong)i);
            return (Key: key, Typed: typed, Ours: typed.Sign(key));
        }).ToList();
        var request = new JsonObject
        {
            ["cases"] = new JsonArray(cases.Select(c => (JsonNode)new JsonObject
            {
                ["privateKey"] = c.Key.ToHex(), ["typedData"] = c.Typed.ToJson(), ["ourSignature"] = c.Ours.ToString(),
            }).ToArray()),
        };
        var results = JsonNode.Parse(NodeScript.Run("interop/ethers-ledger-tx.mjs", request.ToJsonString(), TimeSpan.FromMinutes(1)))!["results"]!.AsArray();
        for (var i = 0; i < cases.Count; i++)
        {
            var (key, typed, ours) = cases[i];
            Assert.Equal(key.Address.ToString(), (string)results[i]!["recoveredFromOurs"]!);
            var raw = TransactionCodec.Envelope(typed.ToJson(), Signature.Parse((string)results[i]!["signature"]!));
            var tx = Codec.Decode(raw);
            Assert.Equal(key.Address, tx.Sender);
            Assert.Equal((ulong)i, tx.Nonce);
        }
    }
}
