using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Livepeer.Core.Crypto;
using Livepeer.Core.Crypto.Eip712;
using Livepeer.Core.Keystores;

namespace Livepeer.Core.Tests.Interop;

/// <summary>
/// Builds many random cases (seeded), computes our side, and runs ethers once over all of them
/// (tests/js/interop/ethers-crypto.mjs). The tests then compare both directions.
/// </summary>
public sealed class EthersCryptoFixture
{
    internal const int Seed = 20261123;
    internal const int CaseCount = 50;
    internal const int KeystoreCaseCount = 20;
    internal const int ScryptN = 4096;

    internal sealed record Case(PrivateKey Key, string Message, TypedData Typed, Signature OurMessageSignature, Signature OurTypedSignature, string? OurKeystore, string Password);

    public EthersCryptoFixture()
    {
        var random = new Random(Seed);
        Cases = Enumerable.Range(0, CaseCount).Select(i => MakeCase(random, i)).ToList();
        var request = new JsonObject
        {
            ["scryptN"] = ScryptN,
            ["cases"] = new JsonArray(Cases.Select(c => (JsonNode)new JsonObject
            {
                ["privateKey"] = c.Key.ToHex(),
                ["message"] = c.Message,
                ["typedData"] = c.Typed.ToJson(),
                ["ourMessageSignature"] = c.OurMessageSignature.ToString(),
                ["ourTypedSignature"] = c.OurTypedSignature.ToString(),
                ["ourKeystore"] = c.OurKeystore,
                ["password"] = c.Password,
            }).ToArray()),
        };
        var output = NodeScript.Run("interop/ethers-crypto.mjs", request.ToJsonString(), TimeSpan.FromMinutes(2));
        var response = JsonNode.Parse(output)!;
        EthersVersion = (string)response["ethersVersion"]!;
        Results = response["results"]!.AsArray().Select(r => r!.AsObject()).ToList();
    }

    internal IReadOnlyList<Case> Cases { get; }
    internal IReadOnlyList<JsonObject> Results { get; }
    internal string EthersVersion { get; }

    private static Case MakeCase(Random random, int index)
    {
        var key = PrivateKey.Generate(span => random.NextBytes(span));
        var message = RandomText(random, random.Next(0, 120));
        var typed = RandomTypedData(random);
        var password = RandomPassword(random, random.Next(1, 24));
        string? keystore = null;
        if (index < KeystoreCaseCount)
        {
            KeyDerivation kdf = index % 2 == 0 ? new ScryptKdf(ScryptN, 8, 1) : new Pbkdf2Kdf(2048);
            keystore = KeystoreFile.Encrypt(key, password, kdf, span => random.NextBytes(span));
        }
        return new Case(key, message, typed, PersonalMessage.Sign(key, message), typed.Sign(key), keystore, password);
    }

    private const string Specials = "\n\t\"\\\u0019ﬁ";

    /// <summary>Letters, digits, punctuation, accented letters, CJK and emoji (surrogate pairs), never a lone surrogate.</summary>
    private static string RandomText(Random random, int length)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            switch (random.Next(6))
            {
                case 0: sb.Append((char)random.Next(0x20, 0x7F)); break;
                case 1: sb.Append((char)random.Next(0xC0, 0x250)); break;
                case 2: sb.Append((char)random.Next(0x4E00, 0x9FFF)); break;
                case 3: sb.Append(char.ConvertFromUtf32(random.Next(0x1F600, 0x1F64F))); break;
                case 4: sb.Append(Specials[random.Next(Specials.Length)]); break;
                default: sb.Append((char)random.Next('a', 'z' + 1)); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// ASCII, Latin-1 letters, CJK and emoji: text that NFKC leaves unchanged, so ethers (which normalizes passwords) and
    /// geth (which does not) derive the same key.
    /// </summary>
    private static string RandomPassword(Random random, int length)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            switch (random.Next(4))
            {
                case 0: sb.Append((char)random.Next(0x20, 0x7F)); break;
                case 1: sb.Append((char)random.Next(0xC0, 0x100)); break;
                case 2: sb.Append((char)random.Next(0x4E00, 0x9FFF)); break;
                default: sb.Append(char.ConvertFromUtf32(random.Next(0x1F600, 0x1F64F))); break;
            }
        }
        return sb.ToString();
    }

    private static readonly Eip712Type[] TicketTypes =
    [
        new("Ticket",
            ("recipient", "address"), ("sender", "address"), ("faceValue", "uint256"), ("winProb", "uint256"), ("senderNonce", "uint64"),
            ("recipientRandHash", "bytes32"), ("auxData", "bytes"), ("note", "Note"), ("notes", "Note[]"), ("delta", "int64"),
            ("big", "int256"), ("flag", "bool"), ("memo", "string"), ("small", "uint8[3]"), ("grid", "uint16[2][]")),
        new("Note", ("text", "string"), ("tag", "bytes4"), ("parties", "address[]")),
    ];

    private static TypedData RandomTypedData(Random random)
    {
        var domain = new Eip712Domain
        {
            Name = random.Next(4) == 0 ? null : "Livepeer " + RandomText(random, random.Next(0, 6)),
            Version = random.Next(4) == 0 ? null : random.Next(1, 5).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ChainId = random.Next(4) == 0 ? null : new UInt256(RandomBig(random, random.Next(1, 9))),
            VerifyingContract = random.Next(3) == 0 ? null : RandomAddress(random),
            Salt = random.Next(3) == 0 ? RandomHash(random) : null,
        };
        var message = new Eip712Struct
        {
            ["recipient"] = RandomAddress(random),
            ["sender"] = RandomAddress(random),
            ["faceValue"] = new UInt256(RandomBig(random, 32)),
            ["winProb"] = new UInt256(RandomBig(random, random.Next(0, 33))),
            ["senderNonce"] = (ulong)random.NextInt64(),
            ["recipientRandHash"] = RandomHash(random),
            ["auxData"] = RandomBytes(random, random.Next(0, 70)),
            ["note"] = RandomNote(random),
            ["notes"] = Enumerable.Range(0, random.Next(0, 4)).Select(_ => (object?)RandomNote(random)).ToList(),
            ["delta"] = random.NextInt64(long.MinValue, long.MaxValue),
            ["big"] = -RandomBig(random, 31),
            ["flag"] = random.Next(2) == 0,
            ["memo"] = RandomText(random, random.Next(0, 30)),
            ["small"] = new[] { random.Next(256), random.Next(256), random.Next(256) },
            ["grid"] = Enumerable.Range(0, random.Next(0, 3)).Select(_ => new[] { random.Next(65536), random.Next(65536) }).ToList(),
        };
        return new TypedData(domain, "Ticket", message, TicketTypes);
    }

    private static Eip712Struct RandomNote(Random random) => new()
    {
        ["text"] = RandomText(random, random.Next(0, 12)),
        ["tag"] = RandomBytes(random, 4),
        ["parties"] = Enumerable.Range(0, random.Next(0, 3)).Select(_ => RandomAddress(random)).ToList(),
    };

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static BigInteger RandomBig(Random random, int bytes) => new(RandomBytes(random, bytes), isUnsigned: true, isBigEndian: true);
    private static Address RandomAddress(Random random) => new(RandomBytes(random, 20));
    private static Hash RandomHash(Random random) => new(RandomBytes(random, 32));
}
