using System.Text;
using System.Text.Json;
using Livepeer.Ethereum.Contracts;
using Nethereum.Util;

namespace Livepeer.Ethereum.Tests.Contracts;

/// <summary>
/// Every selector, event topic and custom error of Livepeer's deployed interface (../shared/reference/livepeer-contracts.md)
/// is answered by the compiled contract of the same name, with the same mutability and return types.
/// </summary>
public sealed class InterfaceTests
{
    /// <summary>The contracts of the core protocol (this branch); governance joins when its contracts are compiled.</summary>
    private static readonly string[] Core = ["BondingManager", "RoundsManager", "TicketBroker", "ServiceRegistry", "Minter", "LivepeerToken", "Controller"];

    private readonly ReferenceInterface _reference = ReferenceInterface.LoadReference() ?? ReferenceInterface.LoadCopy();
    private readonly ContractArtifacts _artifacts = ContractArtifacts.Locate();

    [Fact]
    public void TheReferenceIsReadWhole()
    {
        Assert.All(Core, c => Assert.Contains(c, _reference.Contracts));
        Assert.True(_reference.Functions.Count >= 200, $"only {_reference.Functions.Count} functions parsed");
        Assert.True(_reference.Events.Count >= 60, $"only {_reference.Events.Count} events parsed");
        Assert.Contains(_reference.Functions, f => f is { Contract: "BondingManager", Selector: "b78d27dc", Signature: "bond(uint256,address)" });
    }

    [Fact]
    public void TheCommittedCopyOfTheFactsMatchesTheReferenceWhenItIsPresent()
    {
        var copy = ReferenceInterface.LoadCopy().Facts().ToList();
        Assert.True(copy.Count >= 260, $"only {copy.Count} facts in the committed copy");
        if (ReferenceInterface.LoadReference() is not { } reference) return; // a clone without ../shared: the copy is what there is
        Assert.Equal(reference.Facts().ToList(), copy);
    }

    [Fact]
    public void TheCoreContractsAnswerEveryFunctionEventAndErrorOfLivepeersInterface()
    {
        var problems = Core.SelectMany(Check).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryOtherCompiledContractOfTheReferenceAnswersItsInterface()
    {
        var compiled = _artifacts.Names.ToHashSet(StringComparer.Ordinal);
        var problems = _reference.Contracts.Except(Core).Where(compiled.Contains).SelectMany(Check).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private IEnumerable<string> Check(string contract)
    {
        using var abi = JsonDocument.Parse(_artifacts.Get(contract).Abi);
        var entries = abi.RootElement.EnumerateArray().ToList();
        var functions = entries.Where(e => Kind(e) == "function").ToDictionary(e => Selector(Signature(e)));
        var events = entries.Where(e => Kind(e) == "event").Select(e => Hash(Signature(e))).ToHashSet();
        var errors = entries.Where(e => Kind(e) == "error").Select(e => Selector(Signature(e))).ToHashSet();

        foreach (var f in _reference.Functions.Where(f => f.Contract == contract))
        {
            if (!functions.TryGetValue(f.Selector, out var fn))
            {
                yield return $"{contract}: no function 0x{f.Selector} {f.Signature}";
                continue;
            }
            if (f.Mutability is { } m && fn.GetProperty("stateMutability").GetString() != m)
                yield return $"{contract}.{f.Signature}: mutability {fn.GetProperty("stateMutability").GetString()}, expected {m}";
            if (f.Returns is { } r)
            {
                var expected = string.Join(",", ReturnTypes(r.Replace("`", "")));
                var actual = string.Join(",", fn.GetProperty("outputs").EnumerateArray().Select(CanonicalType));
                if (expected != actual) yield return $"{contract}.{f.Signature}: returns ({actual}), expected ({expected})";
            }
        }
        foreach (var e in _reference.Events.Where(e => e.Contract == contract && !events.Contains(e.Hash)))
            yield return $"{contract}: no event 0x{e.Hash} {e.Signature}";
        foreach (var e in _reference.Errors.Where(e => e.Contract == contract && !errors.Contains(e.Hash)))
            yield return $"{contract}: no custom error 0x{e.Hash} {e.Signature}";
    }

    private static string Kind(JsonElement e) => e.GetProperty("type").GetString()!;

    private static string Signature(JsonElement e) =>
        $"{e.GetProperty("name").GetString()}({string.Join(",", e.GetProperty("inputs").EnumerateArray().Select(CanonicalType))})";

    private static string CanonicalType(JsonElement p)
    {
        var type = p.GetProperty("type").GetString()!;
        if (!type.StartsWith("tuple", StringComparison.Ordinal)) return type;
        return $"({string.Join(",", p.GetProperty("components").EnumerateArray().Select(CanonicalType))}){type["tuple".Length..]}";
    }

    private static string Hash(string signature) => Sha3Keccack.Current.CalculateHash(signature);

    private static string Selector(string signature) => Hash(signature)[..8];

    /// <summary>"uint256 a, (uint256 b, address c) d" → ["uint256", "(uint256,address)"].</summary>
    internal static IEnumerable<string> ReturnTypes(string text)
    {
        var depth = 0;
        var part = new StringBuilder();
        foreach (var ch in text + ",")
        {
            if (ch == ',' && depth == 0)
            {
                var p = part.ToString().Trim();
                part.Clear();
                if (p.Length == 0) continue;
                if (p.StartsWith('('))
                {
                    var close = p.LastIndexOf(')');
                    yield return $"({string.Join(",", ReturnTypes(p[1..close]))})";
                }
                else
                {
                    yield return p.Split(' ', 2)[0];
                }
                continue;
            }
            depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
            part.Append(ch);
        }
    }
}
