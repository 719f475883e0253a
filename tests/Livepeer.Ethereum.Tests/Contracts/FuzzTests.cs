using Livepeer.Ethereum.Chain.Messages;
using System.Numerics;
using Livepeer.Ethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Xunit.Abstractions;

namespace Livepeer.Ethereum.Tests.Contracts;

/// <summary>
/// Random call sequences and random calldata against every contract (the core, governance - BondingVotes,
/// LivepeerGovernor, Treasury - and the Verifier), with the invariants checked after each call:
/// LPT balances sum to the supply; the Minter's ether equals what was funded minus what was withdrawn and covers every
/// sender's deposit and reserve and every delegator's fees; no delegator's stake grows without a reward or its own bond.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Steps = 70;
    private static readonly int[] Accounts = [1, 2, 3, 4, 5, 6, 7, 8];
    private static readonly BigInteger Lpt = DeployedProtocol.Lpt;
    private static readonly string[] Topic = [.. new[] { "Transfer(address,address,uint256)", "Reward(address,uint256)", "Bond(address,address,address,uint256,uint256)",
        "Rebond(address,address,uint256,uint256)", "DepositFunded(address,uint256)", "ReserveFunded(address,uint256)", "Withdrawal(address,uint256,uint256)",
        "WithdrawFees(address,address,uint256)" }.Select(s => "0x" + Nethereum.Util.Sha3Keccack.Current.CalculateHash(s))];

    [Fact]
    public async Task RandomCallsAndRandomCalldataKeepTheInvariants()
    {
        var seed = Environment.GetEnvironmentVariable("LIVEPEER_FUZZ_SEED") is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : Random.Shared.Next();
        output.WriteLine($"seed {seed} (rerun with LIVEPEER_FUZZ_SEED={seed})");
        var rng = new Random(seed);
        await using var chain = await DeployedProtocol.StartAsync(Livepeer.Protocol.Parameters.ProtocolParameters.Devnet with
        {
            RoundLength = 30, ProposalThreshold = Livepeer.Core.UInt256.Zero, VotingDelay = 1, VotingPeriod = 1,
        }, governance: true);
        var artifacts = ContractArtifacts.Locate();
        var contracts = new[] { "BondingManager", "TicketBroker", "Minter", "RoundsManager", "LivepeerToken", "ServiceRegistry", "Controller",
            "BondingVotes", "LivepeerGovernor", "Treasury", "Verifier" };
        var proposals = new List<FuzzProposal>();
        var evidence = new List<byte[]>();
        var holders = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { chain.Record.Address("Minter") };
        for (var i = 0; i < 10; i++) holders.Add(chain.Address(i));
        var ethIn = BigInteger.Zero;
        var ethOut = BigInteger.Zero;
        var stakes = new Dictionary<int, BigInteger>();

        await chain.NextRoundAsync();
        for (var a = 1; a <= 8; a++) await chain.SendAsync(a, "LivepeerToken", "approve", chain.Record.Address("BondingManager"), 1000 * Lpt);
        for (var o = 1; o <= 3; o++)
        {
            await chain.SendAsync(o, "BondingManager", "bond", 50 * Lpt, chain.Address(o));
            await chain.SendAsync(o, "BondingManager", "transcoder", new BigInteger(100_000), new BigInteger(500_000));
        }
        var accepted = 0;
        for (var step = 0; step < Steps; step++)
        {
            // Rounds pass as blocks are mined: initialize each one, as orchestrators do, so calls are not all refused.
            if (!await chain.CallAsync<bool>("RoundsManager", "currentRoundInitialized")) await chain.SendAsync(0, "RoundsManager", "initializeRound");
            var account = rng.Next(1, 9);
            if (rng.Next(12) == 0) await chain.NextRoundAsync(); // proposals move from pending to active to decided
            var (contract, data, value, what) = NextCall(rng, chain, artifacts, contracts, account, proposals, evidence);
            var receipt = await chain.Web3(account).Eth.TransactionManager.SendTransactionAndWaitForReceiptAsync(
                new TransactionInput(data, chain.Record.Address(contract), chain.Address(account), new HexBigInteger(DeployedProtocol.Gas), new HexBigInteger(value)));
            var ok = receipt.Status.Value == BigInteger.One;
            if (ok) accepted++;
            var logs = ok ? receipt.Logs : [];
            foreach (var l in logs.Where(l => l.Topics[0].ToString() == Topic[0])) holders.Add("0x" + l.Topics[2].ToString()![26..]);
            foreach (var l in logs)
            {
                var t = l.Topics[0].ToString();
                var amount = (Func<int, BigInteger>)(i => new BigInteger(l.Data.HexToByteArray().AsSpan(32 * i, 32), isUnsigned: true, isBigEndian: true));
                if (t == Topic[4] || t == Topic[5]) ethIn += amount(0);
                else if (t == Topic[6]) ethOut += amount(0) + amount(1);
                else if (t == Topic[7]) ethOut += amount(1);
            }

            // LPT balances sum to the supply.
            var balances = await Task.WhenAll(holders.Select(h => chain.CallAsync<BigInteger>("LivepeerToken", "balanceOf", h)));
            var sum = balances.Aggregate(BigInteger.Zero, (x, y) => x + y);
            Assert.True(sum == await chain.CallAsync<BigInteger>("LivepeerToken", "totalSupply"), $"step {step} ({what}): balances {sum} != supply");

            // The Minter's ether: funded - withdrawn, covering every sender's funds and every delegator's fees.
            var minterEth = (await chain.Web3(0).Eth.GetBalance.SendRequestAsync(chain.Record.Address("Minter"))).Value;
            Assert.True(minterEth == ethIn - ethOut, $"step {step} ({what}): Minter holds {minterEth}, funded - withdrawn = {ethIn - ethOut}");
            var infos = await Task.WhenAll(Accounts.Select(a => chain.CallDtoAsync<SenderInfoOutput>("TicketBroker", "getSenderInfo", chain.Address(a))));
            var fees = await Task.WhenAll(Accounts.Select(a => chain.CallAsync<BigInteger>("BondingManager", "pendingFees", chain.Address(a), BigInteger.Zero)));
            var owed = infos.Aggregate(BigInteger.Zero, (x, i) => x + i.Sender.Deposit + i.Reserve.FundsRemaining) + fees.Aggregate(BigInteger.Zero, (x, y) => x + y);
            Assert.True(owed <= minterEth, $"step {step} ({what}): owed {owed} > Minter's {minterEth}");

            // No stake grows without a reward of its delegate or a bond/rebond of its own.
            var pending = await Task.WhenAll(Accounts.Select(a => chain.CallAsync<BigInteger>("BondingManager", "pendingStake", chain.Address(a), BigInteger.Zero)));
            foreach (var a in Accounts)
            {
                var stake = pending[a - 1];
                if (stakes.TryGetValue(a, out var before) && stake > before)
                {
                    var d = await chain.CallDtoAsync<DelegatorInfo>("BondingManager", "getDelegator", chain.Address(a));
                    var me = "0x" + chain.Address(a)[2..].ToLowerInvariant().PadLeft(64, '0');
                    var mine = "0x" + d.DelegateAddress[2..].ToLowerInvariant().PadLeft(64, '0');
                    var explained = logs.Any(l => (l.Topics[0].ToString() == Topic[1] && l.Topics[1].ToString() == mine)
                        || (l.Topics[0].ToString() == Topic[2] && l.Topics[3].ToString() == me)
                        || (l.Topics[0].ToString() == Topic[3] && l.Topics[2].ToString() == me));
                    Assert.True(explained, $"step {step} ({what}): account {a}'s stake grew {before} -> {stake} without a reward or its own bond");
                }
                stakes[a] = stake;
            }
        }
        output.WriteLine($"{accepted} of {Steps} calls accepted");
        Assert.True(accepted >= Steps / 8, $"only {accepted} calls were accepted: the sequence explores too little");
    }

    /// <summary>A protocol call with plausible arguments, or (one time in four) random calldata for a random contract.</summary>
    private static (string Contract, string Data, BigInteger Value, string What) NextCall(Random rng, DeployedProtocol chain, ContractArtifacts artifacts, string[] contracts,
        int account, List<FuzzProposal> proposals, List<byte[]> evidence)
    {
        string Who() => chain.Address(rng.Next(1, 9));
        BigInteger Amount() => new BigInteger(rng.Next(0, 200)) * Lpt / 10;
        BigInteger Small() => new(rng.Next(0, 3));
        (string, string, BigInteger, string) Call(string c, string f, BigInteger value, params object[] args) =>
            (c, chain.Function(c, f, account).GetData(args), value, $"{f} by {account}");
        FuzzProposal? Known() => proposals.Count == 0 ? null : proposals[rng.Next(proposals.Count)];
        switch (rng.Next(0, 21))
        {
            case 15:
            {
                // A parameter change or a treasury spend, each with a fresh description.
                var spend = rng.Next(2) == 0;
                var target = chain.Record.Address(spend ? "LivepeerToken" : "BondingManager");
                var data = spend ? chain.Function("LivepeerToken", "transfer").GetData(Who(), Amount() / 100)
                    : chain.Function("BondingManager", "setUnbondingPeriod").GetData((ulong)rng.Next(0, 10));
                var p = new FuzzProposal([target], [BigInteger.Zero], [data.HexToByteArray()], $"fuzz proposal {proposals.Count}");
                proposals.Add(p);
                return Call("LivepeerGovernor", "propose", 0, p.Targets, p.Values, p.Calldatas, p.Description);
            }
            case 16:
            {
                var id = Known() is { } p ? p.Id : new BigInteger(rng.Next());
                return Call("LivepeerGovernor", "castVote", 0, id, (byte)rng.Next(0, 4));
            }
            case 17:
            {
                var p = Known() ?? new FuzzProposal([Zero], [BigInteger.Zero], [[]], "none");
                return Call("LivepeerGovernor", rng.Next(2) == 0 ? "queue" : "execute", 0, p.Targets, p.Values, p.Calldatas, p.DescriptionHash);
            }
            case 18:
            {
                var e = new byte[32];
                rng.NextBytes(e);
                evidence.Add(e);
                return Call("Verifier", "reportFailedVerification", 0, chain.Address(rng.Next(1, 4)), e, rng.Next(8) == 0 ? " " : "http://127.0.0.1/evidence");
            }
            case 19:
            {
                var e = evidence.Count == 0 ? new byte[32] : evidence[rng.Next(evidence.Count)];
                return Call("Verifier", "attestFailedVerification", 0, chain.Address(rng.Next(1, 4)), e);
            }
            case 20:
            {
                // Equivocation evidence with random signatures: refused, nothing slashed.
                object[] Result() { var b = new byte[65]; rng.NextBytes(b); var h = new byte[32]; rng.NextBytes(h); return [h, h, b]; }
                return Call("Verifier", "slashEquivocation", 0, chain.Address(rng.Next(1, 4)), "stream", new BigInteger(rng.Next(100)), new byte[32], Result(), Result());
            }
            case 0: return Call("BondingManager", "bond", 0, Amount(), Who());
            case 1: return Call("BondingManager", "unbond", 0, Amount());
            case 2: return Call("BondingManager", "rebond", 0, Small());
            case 3: return Call("BondingManager", "rebondFromUnbonded", 0, Who(), Small());
            case 4: return Call("BondingManager", "transferBond", 0, Who(), Amount(), Zero, Zero, Zero, Zero);
            case 5: return Call("BondingManager", "withdrawStake", 0, Small());
            case 6: return Call("BondingManager", "withdrawFees", 0, Who(), new BigInteger(rng.Next(0, 1000)));
            case 7: return Call("BondingManager", "transcoder", 0, new BigInteger(rng.Next(0, 1_100_000)), new BigInteger(rng.Next(0, 1_100_000)));
            case 8: return Call("BondingManager", "reward", 0);
            case 9: return Call("BondingManager", "claimEarnings", 0, BigInteger.Zero);
            case 10: { var d = Amount() / 100; var r = Amount() / 100; return Call("TicketBroker", "fundDepositAndReserveFor", d + r, Who(), d, r); }
            case 11: return Call("TicketBroker", rng.Next(3) switch { 0 => "unlock", 1 => "cancelUnlock", _ => "withdraw" }, 0);
            case 12: return Call("RoundsManager", "initializeRound", 0);
            default:
            {
                var contract = contracts[rng.Next(contracts.Length)];
                var selectors = artifacts.Get(contract).MethodIdentifiers.Values.ToList();
                var bytes = new byte[4 + 32 * rng.Next(0, 5)];
                rng.NextBytes(bytes);
                if (rng.Next(4) > 0) selectors[rng.Next(selectors.Count)].HexToByteArray().CopyTo(bytes, 0);
                return (contract, bytes.ToHex(true), BigInteger.Zero, $"random calldata {bytes.ToHex(true)[..10]} to {contract} by {account}");
            }
        }
    }

    private const string Zero = "0x0000000000000000000000000000000000000000";

    /// <summary>A proposal the fuzz sent, with its OpenZeppelin id (the hash of its contents).</summary>
    private sealed record FuzzProposal(string[] Targets, BigInteger[] Values, byte[][] Calldatas, string Description)
    {
        public byte[] DescriptionHash => Nethereum.Util.Sha3Keccack.Current.CalculateHash(System.Text.Encoding.UTF8.GetBytes(Description));

        public BigInteger Id => new(Nethereum.Util.Sha3Keccack.Current.CalculateHash(new Nethereum.ABI.ABIEncode().GetABIEncoded(
            new Nethereum.ABI.ABIValue("address[]", Targets), new Nethereum.ABI.ABIValue("uint256[]", Values),
            new Nethereum.ABI.ABIValue("bytes[]", Calldatas), new Nethereum.ABI.ABIValue("bytes32", DescriptionHash))), isUnsigned: true, isBigEndian: true);
    }
}
