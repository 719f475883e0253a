using System.Collections.Immutable;
using System.Reflection;
using Livepeer.Chain.Execution;
using Livepeer.Chain.Transactions;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Genesis;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.Signing;

namespace Livepeer.Chain.Tests.Transactions;

/// <summary>The protocol's transaction types come from one declaration: records, dispatch and the signed format.</summary>
public sealed class CallRegistryTests
{
    private const ulong ChainId = 424242;
    private static readonly CallCatalog Catalog = CallCatalog.Protocol();
    private static readonly TransactionCodec Codec = new(Catalog, ChainId);
    // The key the golden transactions were signed with (before the registry existed).
    private static readonly PrivateKey GoldenKey = PrivateKey.Generate(new Random(7).NextBytes);
    private static readonly Address Someone = Address.Parse("0x00000000000000000000000000000000000000a1");

    private static IEnumerable<Type> CallRecords() => typeof(ProtocolCall).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(ProtocolCall)) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal);

    private static string Golden(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Transactions", "Golden", name));

    [Fact]
    public void EveryCallRecordIsDeclaredOnce()
    {
        var missing = CallRecords().Where(t => CallRegistry.Find(t) is null).Select(t => t.Name).ToList();
        Assert.Empty(missing);
        Assert.Equal(CallRecords().Count(), CallRegistry.Calls.Count);
        Assert.Equal(CallRegistry.Calls.Count, Catalog.Names.Count());
    }

    [Fact]
    public void SignedTypesAreTheOnesLedgersAlreadyHold()
    {
        var expected = Golden("call-types.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, Catalog.Names.Select(n => Catalog.Find(n)!.Encoder.EncodeType(n)));
    }

    [Fact]
    public void TransactionsSignedBeforeTheRegistryStillVerifyToTheSameBytes()
    {
        var raws = Golden("signed-transactions.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Hex.Decode).ToList();
        Assert.Equal(5, raws.Count);
        foreach (var raw in raws)
        {
            var tx = Codec.Decode(raw);
            Assert.Equal(GoldenKey.Address, tx.Sender);
            Assert.Equal(raw, Codec.Encode(tx.Call, tx.Nonce, GoldenKey));
        }
    }

    [Fact]
    public void EveryCallTypeRoundTripsThroughSigningAndDispatches()
    {
        var key = PrivateKey.Generate(new Random(3).NextBytes);
        var engine = new ProtocolEngine(Secp256k1SignatureRecovery.Instance);
        var state = GenesisBuilder.Build(new GenesisSpec
        {
            Parameters = ProtocolParameters.Devnet,
            StartBlock = 0,
            Allocations = [new GenesisAllocation("k", key.Address, ProtocolParameters.Lpt(1000))],
        });
        foreach (var declaration in CallRegistry.Calls)
        {
            var call = (ProtocolCall)Sample(declaration.Signed.Type);
            var tx = Codec.Decode(Codec.Encode(call, 9, key));
            Assert.Equal(call.GetType(), tx.Call.GetType());
            Assert.Equal(Codec.ToTypedData(call, 9).Digest, Codec.ToTypedData(tx.Call, 9).Digest);
            Assert.Equal(declaration.Signed.Name, Codec.ToTypedData(call, 9).PrimaryType);
            // The sample arguments are mostly refused by the protocol; what matters is that the call reached its handler.
            var result = engine.DryRun(state, new BlockContext(1, Hash.Zero, Hash.Zero, 0), key.Address, (ProtocolCall)tx.Call);
            Assert.True(result.Error != ProtocolError.UnknownCall && result.Error != ProtocolError.InternalError,
                $"{declaration.Signed.Name}: {result.Error} {result.Message}");
        }
    }

    [Fact]
    public void ACallRecordWithoutADeclarationIsRefusedByName()
    {
        var engine = new ProtocolEngine(Secp256k1SignatureRecovery.Instance);
        var state = GenesisBuilder.Build(new GenesisSpec { Parameters = ProtocolParameters.Devnet, StartBlock = 0 });
        var result = engine.DryRun(state, new BlockContext(1, Hash.Zero, Hash.Zero, 0), Someone, new StrayCall());
        Assert.Equal(ProtocolError.UnknownCall, result.Error);
        Assert.Throws<ArgumentException>(() => Codec.ToTypedData(new StrayCall(), 0));
    }

    [Fact]
    public void TheWireNamesAreDeclaredNotReflected()
    {
        // Same record, other declared names: the signed type follows the declaration, whatever the C# parameters are called.
        var renamed = new CallCatalog([SignedStruct.Of<TransferCall>("Pay", "address recipient, uint256 value")], []);
        Assert.Equal("Pay(uint256 nonce,address recipient,uint256 value)", renamed.Find("Pay")!.Encoder.EncodeType("Pay"));
        // A declaration whose types do not fit its record fails at start, not on the first transaction.
        Assert.Throws<InvalidOperationException>(() => new CallCatalog([SignedStruct.Of<TransferCall>("Transfer", "address to, int64 amount")], []));
        Assert.Throws<InvalidOperationException>(() => new CallCatalog([SignedStruct.Of<TransferCall>("Transfer", "address to")], []));
        Assert.Throws<InvalidOperationException>(() => new CallCatalog([SignedStruct.Of<RedeemWinningTicketCall>("Redeem", "Ticket ticket, bytes signature, uint256 recipientRand")], []));
    }

    // A value of every kind a call argument can have; records are built from their widest constructor.
    private static object Sample(Type type)
    {
        if (type == typeof(Address)) return Someone;
        if (type == typeof(UInt256)) return new UInt256(7);
        if (type == typeof(Hash)) return Hash.Parse("0x" + new string('1', 64));
        if (type == typeof(string)) return "s";
        if (type == typeof(bool)) return true;
        if (type == typeof(long)) return 1L;
        if (type == typeof(int)) return 1;
        if (type == typeof(byte[])) return new byte[] { 1, 2 };
        if (type.IsEnum) return Enum.GetValues(type).GetValue(0)!;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            var element = type.GetGenericArguments()[0];
            var items = element.IsAbstract
                ? element.Assembly.GetTypes().Where(s => s.IsSubclassOf(element) && !s.IsAbstract).OrderBy(s => s.Name, StringComparer.Ordinal).Select(Sample).ToArray()
                : [Sample(element)];
            var array = Array.CreateInstance(element, items.Length);
            items.CopyTo(array, 0);
            var create = typeof(ImmutableArray).GetMethods().Single(m => m.Name == nameof(ImmutableArray.Create) && m.GetParameters() is [{ ParameterType.IsArray: true }]);
            return create.MakeGenericMethod(element).Invoke(null, [array])!;
        }
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return ctor.Invoke(ctor.GetParameters().Select(p => Sample(p.ParameterType)).ToArray());
    }

    private sealed record StrayCall : ProtocolCall;
}
