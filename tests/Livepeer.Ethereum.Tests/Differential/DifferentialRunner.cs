using Livepeer.Core;

namespace Livepeer.Ethereum.Tests.Differential;

/// <summary>What a differential run did: calls per kind accepted and refused on the left target, and the first divergence.</summary>
public sealed record DifferentialReport(int Seed, int Calls, int Checkpoints, IReadOnlyDictionary<string, (int Accepted, int Refused)> ByKind,
    IReadOnlyDictionary<string, int> RefusalReasons, string? Divergence);

/// <summary>
/// Applies one generated sequence to two targets in lock step: after every call both must accept or both refuse; at every
/// <c>checkpointEvery</c> calls (0: never), at the end of every <c>roundsPerCheckpoint</c>-th round and at the end their
/// snapshots must be equal, field by field, to the wei.
/// Stops at the first divergence and names the seed, the step and the call.
/// </summary>
public sealed class DifferentialRunner(IProtocolTarget left, IProtocolTarget right, IReadOnlyList<Address> accounts)
{
    /// <summary>Runs <paramref name="generator"/>'s sequence of <paramref name="calls"/> calls.</summary>
    public async Task<DifferentialReport> RunAsync(CallGenerator generator, int calls, int checkpointEvery = 50, int roundsPerCheckpoint = 1, long firstRound = 1)
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
        // Calls sent but whose outcomes are not compared yet: a target may batch them into blocks until it is flushed.
        var pending = new List<(int Step, GeneratedCall Call, Task<CallOutcome> Left, Task<CallOutcome> Right)>();
        async Task<string?> Settle()
        {
            await left.FlushAsync();
            await right.FlushAsync();
            foreach (var (at, call, leftOutcome, rightOutcome) in pending)
            {
                var a = await leftOutcome;
                var b = await rightOutcome;
                var counts = byKind.GetValueOrDefault(call.Kind);
                byKind[call.Kind] = a.Accepted ? (counts.Accepted + 1, counts.Refused) : (counts.Accepted, counts.Refused + 1);
                if (!a.Accepted)
                {
                    var reason = $"{call.Kind}: {a.Reason.Split(':')[0]}";
                    reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                }
                if (a.Accepted != b.Accepted)
                    return $"seed {generator.Seed}, step {at}: {call.Kind} by {call.Caller}: {left.Name} {(a.Accepted ? "accepted" : "refused (" + a.Reason + ")")}, "
                        + $"{right.Name} {(b.Accepted ? "accepted" : "refused (" + b.Reason + ")")}";
            }
            pending.Clear();
            return null;
        }
        var first = true;
        foreach (var s in generator.Steps(calls, firstRound: firstRound))
        {
            step++;
            if (s is AdvanceRound advance)
            {
                if ((divergence = await Settle()) is not null) break;
                if (!first && advance.Round % roundsPerCheckpoint == 0 && (divergence = await Compare($"end of round {advance.Round - 1}")) is not null) break;
                first = false;
                await left.AdvanceToRoundAsync(advance.Round);
                await right.AdvanceToRoundAsync(advance.Round);
                continue;
            }
            var call = (GeneratedCall)s;
            // A call built from "all my stake" needs the calls before it executed (a ticket's round block hash: the target
            // executes pending calls itself when the round's initializeRound is among them).
            if (call.NeedsStake && (divergence = await Settle()) is not null) break;
            pending.Add((step, call, await left.ApplyAsync(call.Caller, call.Build(await InputsAsync(left, call))),
                await right.ApplyAsync(call.Caller, call.Build(await InputsAsync(right, call)))));
            if (checkpointEvery > 0 && step % checkpointEvery == 0
                && ((divergence = await Settle()) is not null || (divergence = await Compare($"step {step}")) is not null)) break;
        }
        divergence ??= await Settle();
        divergence ??= await Compare("the end");
        static async Task<CallInputs> InputsAsync(IProtocolTarget target, GeneratedCall call) =>
            new(call.HashRound > 0 ? await target.RoundBlockHashAsync(call.HashRound) : Hash.Zero,
                call.NeedsStake ? await target.PendingStakeAsync(call.Caller) : UInt256.Zero);
        return new DifferentialReport(generator.Seed, byKind.Values.Sum(v => v.Accepted + v.Refused), checkpoints, byKind, reasons, divergence);
    }
}
