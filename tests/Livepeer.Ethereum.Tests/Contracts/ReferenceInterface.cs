using System.Text.RegularExpressions;

namespace Livepeer.Ethereum.Tests.Contracts;

/// <summary>A function of Livepeer's deployed interface: selector, signature and, from the main tables, mutability and return types.</summary>
internal sealed record ReferenceFunction(string Contract, string Selector, string Signature, string? Mutability, string? Returns);

/// <summary>An event (topic0 and signature) or a custom error (selector and signature) of Livepeer's deployed interface.</summary>
internal sealed record ReferenceSignature(string Contract, string Hash, string Signature);

/// <summary>
/// The facts of ../shared/reference/livepeer-contracts.md, per contract section: function rows, the "all other
/// functions" lists, event rows and custom errors.
/// </summary>
internal sealed partial class ReferenceInterface
{
    public List<ReferenceFunction> Functions { get; } = [];
    public List<ReferenceSignature> Events { get; } = [];
    public List<ReferenceSignature> Errors { get; } = [];

    public IEnumerable<string> Contracts => Functions.Select(f => f.Contract).Distinct();

    /// <summary>The committed copy of the facts (tests/.../Data), which the reference itself is checked against when present.</summary>
    public static ReferenceInterface LoadCopy() => Parse(File.ReadAllLines(RepositoryPaths.TestData(CopyName)));

    /// <summary>../shared/reference/livepeer-contracts.md when it is there, else null.</summary>
    public static ReferenceInterface? LoadReference() =>
        RepositoryPaths.Reference("livepeer-contracts.md") is { } path ? Parse(File.ReadAllLines(path)) : null;

    public const string CopyName = "livepeer-contracts-interface.md";

    /// <summary>Every fact as one line each, for comparing two readings.</summary>
    public IEnumerable<string> Facts() =>
        Functions.Select(f => $"fn {f}").Concat(Events.Select(e => $"event {e}")).Concat(Errors.Select(e => $"error {e}"));

    public static ReferenceInterface Parse(IEnumerable<string> lines)
    {
        var r = new ReferenceInterface();
        string? contract = null;
        foreach (var line in lines)
        {
            if (Section().Match(line) is { Success: true } h) { contract = h.Groups[1].Value; continue; }
            if (contract is null) continue;
            if (FunctionRow().Match(line) is { Success: true } f)
                r.Functions.Add(new(contract, f.Groups[1].Value, f.Groups[2].Value, f.Groups[3].Value, f.Groups[4].Value.Trim()));
            else if (OtherFunction().Match(line) is { Success: true } o)
                r.Functions.Add(new(contract, o.Groups[1].Value, o.Groups[2].Value, null, null));
            else if (EventRow().Match(line) is { Success: true } e)
                r.Events.Add(new(contract, e.Groups[1].Value, e.Groups[2].Value));
            else if (line.StartsWith("Custom errors:", StringComparison.Ordinal))
                foreach (Match m in CustomError().Matches(line)) r.Errors.Add(new(contract, m.Groups[2].Value, m.Groups[1].Value));
        }
        return r;
    }

    [GeneratedRegex(@"^## (\w+)\s*$")]
    private static partial Regex Section();

    [GeneratedRegex(@"^\| `0x([0-9a-f]{8})` \| `([^`]+)` \| (\w+) \| (.*)\|\s*$")]
    private static partial Regex FunctionRow();

    [GeneratedRegex(@"^- `0x([0-9a-f]{8})` `([^`]+)`")]
    private static partial Regex OtherFunction();

    [GeneratedRegex(@"^\| `0x([0-9a-f]{64})` \| `([^`]+)` \|")]
    private static partial Regex EventRow();

    [GeneratedRegex(@"`([A-Za-z_]\w*\([^`]*\))` \(`0x([0-9a-f]{8})`\)")]
    private static partial Regex CustomError();
}
