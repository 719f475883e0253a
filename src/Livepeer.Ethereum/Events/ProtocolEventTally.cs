using System.Text.Json;
using System.Text.Json.Serialization;
using Livepeer.Core;
using Livepeer.Ethereum.Chain;
using Livepeer.Protocol.TicketBroker;

namespace Livepeer.Ethereum.Events;

/// <summary>
/// What the followed WinningTicketRedeemed and Reward events add up to on the canonical chain: redemptions by ticket
/// hash, reward calls by transcoder and round. Applies an <see cref="EventFollower"/>'s batches: a log a reorganization
/// took off the chain is taken back, and a ticket whose redemption vanished (and did not reappear on the new branch)
/// is handed to <c>redemptionLost</c>, so the node queues it again: nothing is counted twice and no ticket is lost.
/// With a <c>statePath</c> the counted logs are saved after each batch, so a restarted node still knows what a later
/// reorganization takes back; applying a log it already counted (a batch delivered again after a crash) changes nothing.
/// With <c>only</c> set, only that account's redemptions (as recipient) and rewards (as transcoder) are counted.
/// </summary>
public sealed class ProtocolEventTally
{
    private readonly Func<long, long> _roundOfBlock;
    private readonly Func<Hash, CancellationToken, Task>? _redemptionLost;
    private readonly string? _statePath;
    private readonly Address? _only;
    private readonly Dictionary<string, CountedLog> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<Hash, int> _tickets = [];
    private readonly Dictionary<(Address Transcoder, long Round), int> _rewards = [];

    /// <summary>A tally; see the type's remarks for <paramref name="statePath"/> and <paramref name="only"/>.</summary>
    public ProtocolEventTally(Func<long, long> roundOfBlock, Func<Hash, CancellationToken, Task>? redemptionLost = null, string? statePath = null, Address? only = null)
    {
        (_roundOfBlock, _redemptionLost, _statePath, _only) = (roundOfBlock, redemptionLost, statePath, only);
        if (statePath is null || !File.Exists(statePath)) return;
        var saved = JsonSerializer.Deserialize<List<CountedLog>>(File.ReadAllText(statePath))
            ?? throw new InvalidDataException($"The event tally {statePath} is empty or not JSON.");
        foreach (var log in saved) Count(log);
    }

    /// <summary>Redemptions on the canonical chain, by ticket hash (each must be 1).</summary>
    public IReadOnlyDictionary<Hash, int> RedeemedTickets => _tickets;

    /// <summary>Reward calls on the canonical chain, by transcoder and round (each must be 1).</summary>
    public IReadOnlyDictionary<(Address Transcoder, long Round), int> Rewards => _rewards;

    /// <summary>Redemptions taken back by reorganizations so far (since this instance was made).</summary>
    public int RedemptionsTakenBack { get; private set; }

    /// <summary>Applies one batch (pass it as the follower's consumer).</summary>
    public async Task ApplyAsync(EventBatch batch, CancellationToken ct)
    {
        var lost = new HashSet<Hash>();
        foreach (var removed in batch.Removed)
        {
            if (!_byKey.Remove(removed.Key, out var entry)) continue; // not an event this tally counts, or already taken back
            if (entry.Ticket is { } t)
            {
                Decrement(_tickets, new Hash(Convert.FromHexString(t)));
                RedemptionsTakenBack++;
                lost.Add(new Hash(Convert.FromHexString(t)));
            }
            if (entry.Transcoder is { } transcoder) Decrement(_rewards, (Address.Parse(transcoder), entry.Round));
        }
        foreach (var added in batch.Added)
        {
            if (_byKey.ContainsKey(added.Key)) continue; // counted before a crash that came before the cursor was saved
            var (name, args) = ProtocolEvents.Decode(added.Log);
            switch (name)
            {
                case "WinningTicketRedeemed":
                    if (_only is { } me && Address.Parse(args.GetProperty("recipient").GetString()!) != me) break;
                    var ticket = TicketOf(args);
                    Count(new CountedLog(added.Key, added.BlockNumber, Convert.ToHexString(ticket.ToArray()), null, 0));
                    lost.Remove(ticket); // redeemed again on the new branch
                    break;
                case "Reward":
                    var transcoder = Address.Parse(args.GetProperty("transcoder").GetString()!);
                    if (_only is { } self && transcoder != self) break;
                    Count(new CountedLog(added.Key, added.BlockNumber, null, transcoder.ToString(), _roundOfBlock(added.BlockNumber)));
                    break;
                default:
                    break; // other events are not tallied
            }
        }
        if (_statePath is not null) Save(_statePath);
        if (_redemptionLost is not null)
            foreach (var t in lost) await _redemptionLost(t, ct).ConfigureAwait(false);
    }

    private void Count(CountedLog log)
    {
        _byKey[log.Key] = log;
        if (log.Ticket is { } t)
        {
            var hash = new Hash(Convert.FromHexString(t));
            _tickets[hash] = _tickets.GetValueOrDefault(hash) + 1;
        }
        if (log.Transcoder is { } transcoder)
        {
            var reward = (Address.Parse(transcoder), log.Round);
            _rewards[reward] = _rewards.GetValueOrDefault(reward) + 1;
        }
    }

    private void Save(string path)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(_byKey.Values.OrderBy(l => l.Block).ToList()));
        File.Move(temp, path, overwrite: true);
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

/// <summary>One counted log as saved: its key and block, and either the ticket it redeemed (hex) or the transcoder and round it rewarded.</summary>
internal sealed record CountedLog(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("n")] long Block,
    [property: JsonPropertyName("ticket")] string? Ticket,
    [property: JsonPropertyName("transcoder")] string? Transcoder,
    [property: JsonPropertyName("round")] long Round);
