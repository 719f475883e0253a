using System.Globalization;
using System.Numerics;
using System.Text;
using Livepeer.Ethereum.Bench;
using Livepeer.Ethereum.Chain.Messages;
using Livepeer.Protocol.Parameters;
using Nethereum.ABI;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Util;

// Gas used per protocol call on a local anvil, side by side with Livepeer's deployed bytecode
// (../shared/reference/livepeer-gas.md: pool of 25 orchestrators). Usage: dotnet run -c Release [-- OUTPUT.md]
const int Orchestrators = 25;
var lpt = GasChain.Lpt;
var eth = BigInteger.Pow(10, 18);
var parameters = ProtocolParameters.Devnet with { RoundLength = 200, NumActiveTranscoders = 100 };
await using var chain = await GasChain.StartAsync(100, parameters);
var rows = new List<(string Call, long Ours, string Livepeer)>();
void Row(string call, long ours, string livepeer) { rows.Add((call, ours, livepeer)); Console.WriteLine($"{call}: {ours:N0} (Livepeer {livepeer})"); }
var bm = chain.Record.Address("BondingManager");

// Accounts: 1..25 orchestrators (O1 head ... O25 tail), 26..75 delegators of O2, 76 of O1, 77 of O5 (for the
// 50-round claim), 78..81 new delegators, 82..83 new orchestrators, 90..91 broadcasters.
await chain.NextRoundAsync();
for (var i = 1; i <= Orchestrators; i++)
{
    await chain.SendAsync(i, "LivepeerToken", "approve", bm, 100_000 * lpt);
    var stake = i == 1 ? 10_000 * lpt : (5_000 - 100 * i) * lpt;
    await chain.SendAsync(i, "BondingManager", "bond", stake, chain.Address(i));
    await chain.SendAsync(i, "BondingManager", "transcoder", new BigInteger(100_000), new BigInteger(500_000));
}
for (var d = 26; d <= 77; d++)
{
    await chain.SendAsync(d, "LivepeerToken", "approve", bm, 100_000 * lpt);
    var to = d == 76 ? 1 : d == 77 ? 5 : 2;
    await chain.SendAsync(d, "BondingManager", "bond", 10 * lpt, chain.Address(to));
}

// Round 1: everyone active.
Row("initializeRound, no reward() in the previous round", await chain.NextRoundAsync(), "232,486");
Row("reward(), pool head, 1 delegator (first reward of the round)", await chain.SendAsync(1, "BondingManager", "reward"), "528,434");
Row("reward(), 50 delegators (not the first of the round)", await chain.SendAsync(2, "BondingManager", "reward"), "528,434 / 511,334");
Row("reward() without hint, position 23 of 25", await chain.SendAsync(23, "BondingManager", "reward"), "631,349");
var prev = chain.Address(23);
var next = chain.Address(25);
Row("rewardWithHint, position 24 of 25", await chain.SendAsync(24, "BondingManager", "rewardWithHint", prev, next), "518,650");
await chain.SendAsync(4, "BondingManager", "reward");
await chain.SendAsync(5, "BondingManager", "reward");
await chain.SendAsync(76, "BondingManager", "claimEarnings", BigInteger.Zero);

Row("LPT approve before bond", await chain.SendAsync(78, "LivepeerToken", "approve", bm, 100_000 * lpt), "46,302");
Row("bond, new delegator to the head orchestrator", await chain.SendAsync(78, "BondingManager", "bond", 10 * lpt, chain.Address(1)), "459,646");
await chain.SendAsync(79, "LivepeerToken", "approve", bm, 100_000 * lpt);
Row("bondWithHint, new delegator to the head orchestrator", await chain.SendAsync(79, "BondingManager", "bondWithHint", 10 * lpt, chain.Address(1), GasChain.Zero, GasChain.Zero, GasChain.Zero, chain.Address(2)), "460,114");
await chain.SendAsync(80, "LivepeerToken", "approve", bm, 100_000 * lpt);
Row("bond, new delegator to the tail orchestrator, no hint", await chain.SendAsync(80, "BondingManager", "bond", lpt, chain.Address(25)), "574,892");
await chain.SendAsync(81, "LivepeerToken", "approve", bm, 100_000 * lpt);
Row("bondWithHint, new delegator to the tail orchestrator", await chain.SendAsync(81, "BondingManager", "bondWithHint", lpt, chain.Address(25), GasChain.Zero, GasChain.Zero, chain.Address(24), GasChain.Zero), "462,345");
await chain.SendAsync(82, "LivepeerToken", "approve", bm, 100_000 * lpt);
Row("new orchestrator's self-bond at the tail, no hint", await chain.SendAsync(82, "BondingManager", "bond", 100 * lpt, chain.Address(82)), "709,276");
Row("transcoder(rewardCut, feeShare) right after the self-bond", await chain.SendAsync(82, "BondingManager", "transcoder", new BigInteger(100_000), new BigInteger(500_000)), "137,984");
await chain.SendAsync(83, "LivepeerToken", "approve", bm, 100_000 * lpt);
Row("new orchestrator's self-bond at the tail, with hint", await chain.SendAsync(83, "BondingManager", "bondWithHint", 50 * lpt, chain.Address(83), GasChain.Zero, GasChain.Zero, chain.Address(82), GasChain.Zero), "589,386");
Row("setServiceURI, first time (25-character URI)", await chain.SendAsync(1, "ServiceRegistry", "setServiceURI", "https://o1.example:8935/x"), "59,612");
Row("setServiceURI, update", await chain.SendAsync(1, "ServiceRegistry", "setServiceURI", "https://o1.example:8935/y"), "44,761");

// Tickets: B90 has a deposit and a reserve, B91 only a reserve.
Row("fundDepositAndReserve, new sender", await chain.SendValueAsync(90, "TicketBroker", "fundDepositAndReserve", 2 * eth, eth, eth), "107,904");
Row("fundDepositAndReserve, top-up", await chain.SendValueAsync(90, "TicketBroker", "fundDepositAndReserve", 2 * eth, eth, eth), "90,804");
await chain.SendValueAsync(91, "TicketBroker", "fundReserve", 100 * eth);
var nonce = 0;
async Task<long> Redeem(int sender, int recipient, BigInteger face)
{
    var round = await chain.CurrentRoundAsync();
    var blockHash = await chain.CallAsync<byte[]>("RoundsManager", "blockHashForRound", new BigInteger(round));
    var rand = new BigInteger(++nonce + 1000);
    var abi = new ABIEncode();
    var ticket = new TicketStruct
    {
        Recipient = chain.Address(recipient), Sender = chain.Address(sender), FaceValue = face, WinProb = BigInteger.Pow(2, 256) - 1,
        SenderNonce = nonce, RecipientRandHash = Sha3Keccack.Current.CalculateHash(abi.GetABIEncoded(new ABIValue("uint256", rand))),
        AuxData = [.. abi.GetABIEncoded(new ABIValue("uint256", new BigInteger(round))), .. blockHash],
    };
    var hash = abi.GetSha3ABIEncodedPacked(new ABIValue("address", ticket.Recipient), new ABIValue("address", ticket.Sender),
        new ABIValue("uint256", ticket.FaceValue), new ABIValue("uint256", ticket.WinProb), new ABIValue("uint256", ticket.SenderNonce),
        new ABIValue("bytes32", ticket.RecipientRandHash), new ABIValue("bytes", ticket.AuxData));
    var sig = new EthereumMessageSigner().Sign(hash, new EthECKey(chain.Keys[sender])).HexToByteArray();
    return await chain.SendMessageAsync(recipient, "TicketBroker", new RedeemWinningTicketFunction { Ticket = ticket, Sig = sig, RecipientRand = rand });
}
Row("redeemWinningTicket from the deposit, orchestrator's first ever", await Redeem(90, 1, eth / 100), "263,319");
Row("redeemWinningTicket from the deposit, later in the round", await Redeem(90, 1, eth / 100), "182,703");
Row("redeemWinningTicket from the reserve, deposit empty, first", await Redeem(91, 3, eth / 100), "283,778");
Row("redeemWinningTicket from the reserve, later", await Redeem(91, 3, eth / 100), "263,965");

// Round 2.
Row("initializeRound, previous round had reward() calls", await chain.NextRoundAsync(), "233,286");
Row("redeemWinningTicket from the deposit, first in round", await Redeem(90, 1, eth / 100), "202,504");
await chain.SendAsync(1, "BondingManager", "reward");
Row("claimEarnings, orchestrator's own, with fees", await chain.SendAsync(1, "BondingManager", "claimEarnings", BigInteger.Zero), "211,084");
await chain.SendAsync(76, "BondingManager", "claimEarnings", BigInteger.Zero);
Row("unbond (partial), already claimed", await chain.SendAsync(76, "BondingManager", "unbond", lpt), "323,285");
Row("unbond (partial), with the automatic claim", await chain.SendAsync(78, "BondingManager", "unbond", lpt), "446,267");
Row("rebond (same round)", await chain.SendAsync(76, "BondingManager", "rebond", BigInteger.Zero), "250,857");
Row("withdrawFees (full amount, after claiming)", await chain.SendAsync(1, "BondingManager", "withdrawFees", chain.Address(1), await chain.CallAsync<BigInteger>("BondingManager", "pendingFees", chain.Address(1), BigInteger.Zero)), "150,624");

// Round 3: O5 (rewarded in round 1) skipped round 2; then it skips rounds 4..23.
await chain.NextRoundAsync();
Row("reward(), after skipping 1 round", await chain.SendAsync(5, "BondingManager", "reward"), "550,893");
while (await chain.CurrentRoundAsync() < 24) await chain.NextRoundAsync();
Row("reward(), after skipping 20 rounds", await chain.SendAsync(5, "BondingManager", "reward"), "550,893");
await chain.SendAsync(6, "BondingManager", "reward");
Row("withdrawStake", await chain.SendAsync(78, "BondingManager", "withdrawStake", BigInteger.Zero), "119,344");

// Round 50: delegator 77 (of O5) last claimed in round 0, delegator 84 (of O6, same state) in round 49.
while (await chain.CurrentRoundAsync() < 49) await chain.NextRoundAsync();
await chain.SendAsync(84, "LivepeerToken", "approve", bm, 100_000 * lpt);
await chain.SendAsync(84, "BondingManager", "bond", 10 * lpt, chain.Address(6));
await chain.NextRoundAsync();
Row("claimEarnings, delegator, 50 rounds since last claim", await chain.SendAsync(77, "BondingManager", "claimEarnings", BigInteger.Zero), "262,880");
Row("claimEarnings, delegator, 1 round since last claim", await chain.SendAsync(84, "BondingManager", "claimEarnings", BigInteger.Zero), "262,880");

var md = new StringBuilder();
md.AppendLine("| call (condition) | this project | Livepeer's deployed bytecode |");
md.AppendLine("|---|---:|---:|");
foreach (var (call, ours, livepeer) in rows) md.AppendLine(CultureInfo.InvariantCulture, $"| {call} | {ours:N0} | {livepeer} |");
Console.WriteLine();
Console.WriteLine(md);
if (args.Length > 0) await File.WriteAllTextAsync(args[0], md.ToString());
