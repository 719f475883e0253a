using Livepeer.Core;

namespace Livepeer.Ethereum.Tests.Differential;

/// <summary>What a differential run did: calls per kind accepted and refused on the left target, and the first divergence.</summary>
public sealed record DifferentialReport(int Seed, int Calls, int Checkpoints, IReadOnlyDictionary<string, (int Accepted, int Refused)> ByKind,
    IReadOnlyDictionary<string, int> RefusalReasons, string? Divergence);

/// <summary>
/// Applies one generated sequence to two targets in lock step: after every call both must accept or both refuse; at every
/// <c>checkpointEvery</c> calls and at every round's end their snapshots must be equal, field by field, to the wei.
/// Stops at the first divergence and names the seed, the step and the call.
/// </summary>
public sealed class DifferentialRunner(IProtocolTarget left, IProtocolTarget right, IReadOnlyList<Address> accounts)
{
    /// <summary>Runs <paramref name="generator"/>'s sequence of <paramref name="calls"/> calls.</summary>
    public async Task<DifferentialReport> RunAsync(CallGenerator generator, int calls, int checkpointEvery = 50)
    {
        var byKind = new SortedDictionary<string, (int Accepted, int Refused)>(StringComparer.Ordinal);
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var step = 0;
        var checkpoints = 0;
        string? divergence = null;
        async Task<string?> Compare(string where)
        {
            checkpoints++;
            var differences = (await left.SnapshotAsync(accounts)).DifferencesFrom(await right.SnapshotAsync(accounts));
            return differences.Count == 0 ? null
                : $"seed {generator.Seed}, {where}: {left.Name} vs {right.Name} differ in {differences.Count} field(s): {string.Join("; ", differences.Take(5))}";
        }
        foreach (var s in generator.Steps(calls))
        {
            step++;
            if (s is AdvanceRound advance)
            {
                if (advance.Round > 1 && (divergence = await Compare($"end of round {advance.Round - 1}")) is not null) break;
                await left.AdvanceToRoundAsync(advance.Round);
                await right.AdvanceToRoundAsync(advance.Round);
                continue;
            }
            var call = (GeneratedCall)s;
            var a = await left.ApplyAsync(call.Caller, call.Build(await InputsAsync(left, call)));
            var b = await right.ApplyAsync(call.Caller, call.Build(await InputsAsync(right, call)));
            var counts = byKind.GetValueOrDefault(call.Kind);
            byKind[call.Kind] = a.Accepted ? (counts.Accepted + 1, counts.Refused) : (counts.Accepted, counts.Refused + 1);
            if (!a.Accepted)
            {
                var reason = $"{call.Kind}: {a.Reason.Split(':')[0]}";
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            }
            if (a.Accepted != b.Accepted)
            {
                divergence = $"seed {generator.Seed}, step {step}: {call.Kind} by {call.Caller}: {left.Name} {(a.Accepted ? "accepted" : "refused (" + a.Reason + ")")}, "
                    + $"{right.Name} {(b.Accepted ? "accepted" : "refused (" + b.Reason + ")")}";
                break;
            }
            if (step % checkpointEvery == 0 && (divergence = await Compare($"step {step}")) is not null) break;
        }
        divergence ??= await Compare("the end");
        static async Task<CallInputs> InputsAsync(IProtocolTarget target, GeneratedCall call) =>
            new(call.HashRound > 0 ? await target.RoundBlockHashAsync(call.HashRound) : Hash.Zero,
                call.NeedsStake ? await target.PendingStakeAsync(call.Caller) : UInt256.Zero);
        return new DifferentialReport(generator.Seed, byKind.Values.Sum(v => v.Accepted + v.Refused), checkpoints, byKind, reasons, divergence);
    }
}
