using System.Text.Json;
using Livepeer.Core;
using Livepeer.Ethereum.Chain;
using Livepeer.Protocol.TicketBroker;

namespace Livepeer.Ethereum.Events;

/// <summary>
/// What the followed WinningTicketRedeemed and Reward events add up to on the canonical chain: redemptions by ticket
/// hash, reward calls by transcoder and round. Applies an <see cref="EventFollower"/>'s batches: a log a reorganization
/// took off the chain is taken back, and a ticket whose redemption vanished (and did not reappear on the new branch)
/// is handed to <c>redemptionLost</c>, so the node queues it again: nothing is counted twice and no ticket is lost.
/// </summary>
public sealed class ProtocolEventTally(Func<long, long> roundOfBlock, Func<Hash, CancellationToken, Task>? redemptionLost = null)
{
    private readonly Dictionary<string, (Hash? Ticket, (Address, long)? Reward)> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<Hash, int> _tickets = [];
    private readonly Dictionary<(Address Transcoder, long Round), int> _rewards = [];

    /// <summary>Redemptions on the canonical chain, by ticket hash (each must be 1).</summary>
    public IReadOnlyDictionary<Hash, int> RedeemedTickets => _tickets;

    /// <summary>Reward calls on the canonical chain, by transcoder and round (each must be 1).</summary>
    public IReadOnlyDictionary<(Address Transcoder, long Round), int> Rewards => _rewards;

    /// <summary>Redemptions taken back by reorganizations so far.</summary>
    public int RedemptionsTakenBack { get; private set; }

    /// <summary>Applies one batch (pass it as the follower's consumer).</summary>
    public async Task ApplyAsync(EventBatch batch, CancellationToken ct)
    {
        var lost = new HashSet<Hash>();
        foreach (var removed in batch.Removed)
        {
            if (!_byKey.Remove(removed.Key, out var entry)) continue; // not an event this tally counts
            if (entry.Ticket is { } t)
            {
                Decrement(_tickets, t);
                RedemptionsTakenBack++;
                lost.Add(t);
            }
            if (entry.Reward is { } r) Decrement(_rewards, r);
        }
        foreach (var added in batch.Added)
        {
            var (name, args) = ProtocolEvents.Decode(added.Log);
            switch (name)
            {
                case "WinningTicketRedeemed":
                    var ticket = TicketOf(args);
                    _byKey[added.Key] = (ticket, null);
                    _tickets[ticket] = _tickets.GetValueOrDefault(ticket) + 1;
                    lost.Remove(ticket); // redeemed again on the new branch
                    break;
                case "Reward":
                    var reward = (Address.Parse(args.GetProperty("transcoder").GetString()!), roundOfBlock(added.BlockNumber));
                    _byKey[added.Key] = (null, reward);
                    _rewards[reward] = _rewards.GetValueOrDefault(reward) + 1;
                    break;
                default:
                    break; // other events are not tallied
            }
        }
        if (redemptionLost is not null)
            foreach (var t in lost) await redemptionLost(t, ct).ConfigureAwait(false);
    }

    private static void Decrement<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull
    {
        if (counts.TryGetValue(key, out var n) && n > 1) counts[key] = n - 1;
        else counts.Remove(key);
    }

    /// <summary>The redeemed ticket's hash, rebuilt from the event (auxData is creationRound ‖ its block hash).</summary>
    private static Hash TicketOf(JsonElement args)
    {
        var aux = Convert.FromHexString(args.GetProperty("auxData").GetString()![2..]);
        if (aux.Length != 64) throw new InvalidDataException($"WinningTicketRedeemed auxData has {aux.Length} bytes, not 64.");
        var ticket = new Ticket(
            Address.Parse(args.GetProperty("recipient").GetString()!),
            Address.Parse(args.GetProperty("sender").GetString()!),
            UInt256.Parse(args.GetProperty("faceValue").GetString()!),
            UInt256.Parse(args.GetProperty("winProb").GetString()!),
            UInt256.Parse(args.GetProperty("senderNonce").GetString()!),
            Ticket.RecipientRandHashOf(UInt256.Parse(args.GetProperty("recipientRand").GetString()!)),
            (long)UInt256.FromBigEndian(aux.AsSpan(0, 32)),
            new Hash(aux[32..]));
        return ticket.Hash();
    }
}
