using System.Numerics;
using System.Text;
using Nethereum.ABI.EIP712;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using Nethereum.Util;

namespace Livepeer.Ethereum.Tests.Governance;

/// <summary>
/// LivepeerGovernor + BondingVotes + Treasury on a real anvil with the real BondingManager: proposals vote in rounds
/// snapshot+1..snapshot+votingPeriod with the stake of the snapshot, a delegator overrides its share of its
/// transcoder's vote, passed proposals go through the Treasury (the Controller's owner): core parameters, the verifier
/// set and treasury spends; votes signed the way Livepeer's governor takes them count.
/// </summary>
public sealed class LivepeerGovernorTests
{
    private const int Transcoder = 1, Delegator = 2, OtherDelegator = 3, Outsider = 4, NotATranscoder = 5, ItsDelegator = 6;
    // Governor states (OpenZeppelin's ProposalState).
    private const int Pending = 0, Active = 1, Defeated = 3, Succeeded = 4, Queued = 5, Executed = 7;

    private sealed record Proposal(object[] Targets, object[] Values, object[] Calldatas, string Description)
    {
        public byte[] DescriptionHash => Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes(Description));
    }

    /// <summary>Round 2: T registers with 1000 LPT, D bonds 400 and E 200 to it; round 3: T is active and rewards.</summary>
    private static async Task<GovernedChain> StakedChainAsync()
    {
        var chain = await GovernedChain.StartAsync();
        await chain.StartRoundAsync(2);
        await chain.BondAsync(Transcoder, 1000 * GovernedChain.Lpt, Transcoder);
        await chain.SendAsync(Transcoder, "BondingManager", "transcoder", new BigInteger(100_000), new BigInteger(500_000));
        await chain.BondAsync(Delegator, 400 * GovernedChain.Lpt, Transcoder);
        await chain.BondAsync(OtherDelegator, 200 * GovernedChain.Lpt, Transcoder);
        await chain.StartRoundAsync(3);
        await chain.SendAsync(Transcoder, "BondingManager", "reward");
        return chain;
    }

    private static Proposal SetRoundLockAmount(GovernedChain chain, BigInteger amount, string description)
    {
        var calldata = chain.Function(0, "RoundsManager", "setRoundLockAmount").GetData(amount).HexToByteArray();
        return new Proposal([chain.Record.Address("RoundsManager")], [BigInteger.Zero], [calldata], description);
    }

    private static async Task<BigInteger> ProposeAsync(GovernedChain chain, int proposer, Proposal p)
    {
        await chain.SendAsync(proposer, "LivepeerGovernor", "propose", p.Targets, p.Values, p.Calldatas, p.Description);
        return await chain.CallAsync<BigInteger>("LivepeerGovernor", "hashProposal", p.Targets, p.Values, p.Calldatas, p.DescriptionHash);
    }

    /// <summary>Livepeer's (OpenZeppelin 4) signed ballot: no voter, no nonce.</summary>
    [Struct("Ballot")]
    public sealed class Ballot
    {
        [Parameter("uint256", "proposalId", 1)] public BigInteger ProposalId { get; set; }
        [Parameter("uint8", "support", 2)] public byte Support { get; set; }
    }

    private static (byte V, byte[] R, byte[] S) SignBallot(GovernedChain chain, int signer, BigInteger id, byte support)
    {
        var typedData = new TypedData<Domain>
        {
            Domain = new Domain { Name = "LivepeerGovernor", Version = "1", ChainId = chain.Record.ChainId, VerifyingContract = chain.Record.Address("LivepeerGovernor") },
            Types = MemberDescriptionFactory.GetTypesMemberDescription(typeof(Domain), typeof(Ballot)),
            PrimaryType = "Ballot",
        };
        var signature = new Eip712TypedDataSigner().SignTypedDataV4(new Ballot { ProposalId = id, Support = support }, typedData, new EthECKey(chain.PrivateKey(signer))).HexToByteArray();
        return (signature[64], signature[..32], signature[32..64]);
    }

    private static async Task<int> StateAsync(GovernedChain chain, BigInteger id) => (int)await chain.CallAsync<byte>("LivepeerGovernor", "state", id);

    private static async Task<(BigInteger Against, BigInteger For, BigInteger Abstain)> VotesAsync(GovernedChain chain, BigInteger id)
    {
        var v = await chain.CallTupleAsync("LivepeerGovernor", "proposalVotes", id);
        return ((BigInteger)v[0], (BigInteger)v[1], (BigInteger)v[2]);
    }

    [Fact]
    public async Task AProposalPassesByStakeWithADelegatorOverrideAndItsExecutionChangesACoreParameter()
    {
        await using var chain = await StakedChainAsync();
        Assert.Equal(chain.Record.Address("Treasury"), await chain.CallAsync<string>("Controller", "owner"), ignoreCase: true);
        // The deployment handed the token's admin role to the Treasury too; the deployer kept nothing.
        Assert.True(await chain.CallAsync<bool>("LivepeerToken", "hasRole", new byte[32], chain.Record.Address("Treasury")));
        Assert.False(await chain.CallAsync<bool>("LivepeerToken", "hasRole", new byte[32], chain.Record.Deployer));
        // Three calls in one proposal: a core parameter, the verifier set (now 1 of 1) and a treasury spend of the
        // reward cut the Treasury received in round 3.
        var treasuryBalance = await chain.LptBalanceAsync(chain.Record.Address("Treasury"));
        Assert.True(treasuryBalance > 0, "the treasury received its cut of round 3's reward");
        var outsiderBalance = await chain.LptBalanceAsync(chain.Address(Outsider));
        var lockChange = SetRoundLockAmount(chain, 200_000, "");
        var verifierSet = chain.Function(0, "Verifier", "setVerifierSet").GetData(new[] { chain.Address(Outsider) }, BigInteger.One).HexToByteArray();
        var spend = chain.Function(0, "LivepeerToken", "transfer").GetData(chain.Address(Outsider), treasuryBalance).HexToByteArray();
        var proposal = new Proposal([.. lockChange.Targets, chain.Record.Address("Verifier"), chain.Record.Address("LivepeerToken")],
            [BigInteger.Zero, BigInteger.Zero, BigInteger.Zero], [.. lockChange.Calldatas, verifierSet, spend],
            "LIP-x: lock the last 20% of each round; one verifier; fund the outsider");
        var id = await ProposeAsync(chain, Transcoder, proposal);

        // Proposed in round 3 with votingDelay 1, votingPeriod 2: snapshot 4, deadline 6.
        Assert.Equal(4, (long)await chain.CallAsync<BigInteger>("LivepeerGovernor", "proposalSnapshot", id));
        Assert.Equal(6, (long)await chain.CallAsync<BigInteger>("LivepeerGovernor", "proposalDeadline", id));
        Assert.Equal(Pending, await StateAsync(chain, id));
        await chain.StartRoundAsync(4);
        Assert.Equal(Pending, await StateAsync(chain, id));
        await chain.ExpectRevertAsync("GovernorUnexpectedProposalState(uint256,uint8,bytes32)", Transcoder, "LivepeerGovernor", "castVote", id, (byte)1);
        Assert.False(await chain.CallAsync<bool>("LivepeerGovernor", "hasVoted", id, chain.Address(Transcoder)));

        await chain.StartRoundAsync(5);
        Assert.Equal(Active, await StateAsync(chain, id));
        // Weights are the stake at the end of the snapshot round: the transcoder's whole pool, the delegator's
        // stake with its unclaimed reward from round 3 (what pendingStake says now, nothing having moved since).
        var transcoderWeight = await chain.CallAsync<BigInteger>("BondingVotes", "getPastVotes", chain.Address(Transcoder), new BigInteger(4));
        var delegatorWeight = await chain.CallAsync<BigInteger>("BondingVotes", "getPastVotes", chain.Address(Delegator), new BigInteger(4));
        Assert.Equal(await chain.CallAsync<BigInteger>("BondingManager", "transcoderTotalStake", chain.Address(Transcoder)), transcoderWeight);
        Assert.Equal(await chain.CallAsync<BigInteger>("BondingManager", "pendingStake", chain.Address(Delegator), BigInteger.Zero), delegatorWeight);
        Assert.True(delegatorWeight > 400 * GovernedChain.Lpt, "the delegator's votes include its unclaimed reward");
        Assert.Equal(chain.Address(Transcoder), await chain.CallAsync<string>("BondingVotes", "delegatedAt", chain.Address(Delegator), new BigInteger(4)), ignoreCase: true);

        // E abstains before its transcoder votes, D votes against after it: both weights leave the transcoder's vote.
        var otherWeight = await chain.CallAsync<BigInteger>("BondingVotes", "getPastVotes", chain.Address(OtherDelegator), new BigInteger(4));
        await chain.SendAsync(OtherDelegator, "LivepeerGovernor", "castVote", id, (byte)2);
        await chain.SendAsync(Transcoder, "LivepeerGovernor", "castVote", id, (byte)1);
        Assert.Equal((BigInteger.Zero, transcoderWeight - otherWeight, otherWeight), await VotesAsync(chain, id));
        await chain.SendAsync(Delegator, "LivepeerGovernor", "castVoteWithReason", id, (byte)0, "I disagree with my orchestrator");
        var expected = (delegatorWeight, transcoderWeight - otherWeight - delegatorWeight, otherWeight);
        Assert.Equal(expected, await VotesAsync(chain, id));
        await chain.ExpectRevertAsync("VoteAlreadyCast()", Delegator, "LivepeerGovernor", "castVote", id, (byte)1);
        await chain.ExpectRevertAsync("InvalidVoteType(uint8)", Outsider, "LivepeerGovernor", "castVote", id, (byte)3);
        Assert.Equal(expected, await VotesAsync(chain, id));

        await chain.StartRoundAsync(6);
        Assert.Equal(Active, await StateAsync(chain, id));
        await chain.ExpectRevertAsync("GovernorUnexpectedProposalState(uint256,uint8,bytes32)", Transcoder, "LivepeerGovernor", "queue", proposal.Targets, proposal.Values, proposal.Calldatas, proposal.DescriptionHash);
        await chain.StartRoundAsync(7);
        Assert.Equal(Succeeded, await StateAsync(chain, id));
        var totalActive = await chain.CallAsync<BigInteger>("BondingVotes", "getPastTotalSupply", new BigInteger(4));
        Assert.Equal(totalActive * 333_300 / 1_000_000, await chain.CallAsync<BigInteger>("LivepeerGovernor", "quorum", new BigInteger(4)));

        await chain.SendAsync(Outsider, "LivepeerGovernor", "queue", proposal.Targets, proposal.Values, proposal.Calldatas, proposal.DescriptionHash);
        Assert.Equal(Queued, await StateAsync(chain, id));
        Assert.Equal(100_000, (long)await chain.CallAsync<BigInteger>("RoundsManager", "roundLockAmount"));
        await chain.SendAsync(Outsider, "LivepeerGovernor", "execute", proposal.Targets, proposal.Values, proposal.Calldatas, proposal.DescriptionHash);
        Assert.Equal(Executed, await StateAsync(chain, id));
        Assert.Equal(200_000, (long)await chain.CallAsync<BigInteger>("RoundsManager", "roundLockAmount"));
        Assert.Equal(BigInteger.One, await chain.CallAsync<BigInteger>("Verifier", "verifierThreshold"));
        Assert.True(await chain.CallAsync<bool>("Verifier", "isVerifier", chain.Address(Outsider)));
        Assert.False(await chain.CallAsync<bool>("Verifier", "isVerifier", chain.Address(GovernedChain.Verifiers[0])));
        Assert.Equal(outsiderBalance + treasuryBalance, await chain.LptBalanceAsync(chain.Address(Outsider)));
        Assert.Equal(BigInteger.Zero, await chain.LptBalanceAsync(chain.Record.Address("Treasury")));
    }

    [Fact]
    public async Task AProposalWithNoForVotesNeverPassesEvenWhenAbstentionsMeetTheQuorumAndSignedVotesCount()
    {
        await using var chain = await StakedChainAsync();
        var proposal = SetRoundLockAmount(chain, 300_000, "abstain only");
        var id = await ProposeAsync(chain, Transcoder, proposal);
        await chain.StartRoundAsync(5);
        // Livepeer's signed-vote entry point: anyone relays the transcoder's EIP-712 ballot (v, r, s).
        var (v, r, sig) = SignBallot(chain, Transcoder, id, 2);
        await chain.SendAsync(Outsider, "LivepeerGovernor", "castVoteBySig", id, (byte)2, v, r, sig);
        Assert.True(await chain.CallAsync<bool>("LivepeerGovernor", "hasVoted", id, chain.Address(Transcoder)));
        await chain.MineToRoundAsync(7);
        var (against, @for, abstain) = await VotesAsync(chain, id);
        Assert.Equal((BigInteger.Zero, BigInteger.Zero), (against, @for));
        Assert.True(abstain >= await chain.CallAsync<BigInteger>("LivepeerGovernor", "quorum", new BigInteger(4)), "the abstentions alone meet the quorum");
        Assert.Equal(Defeated, await StateAsync(chain, id));
        await chain.ExpectRevertAsync("GovernorUnexpectedProposalState(uint256,uint8,bytes32)", Transcoder, "LivepeerGovernor", "queue", proposal.Targets, proposal.Values, proposal.Calldatas, proposal.DescriptionHash);
        Assert.Equal(100_000, (long)await chain.CallAsync<BigInteger>("RoundsManager", "roundLockAmount"));
    }

    [Fact]
    public async Task RefusedGovernanceCallsRevertWithAReasonAndChangeNothing()
    {
        await using var chain = await StakedChainAsync();
        var proposal = SetRoundLockAmount(chain, 200_000, "from an outsider");
        // No stake, no proposal; a delegator of a non-transcoder has no votes.
        await chain.ExpectRevertAsync("GovernorInsufficientProposerVotes(address,uint256,uint256)", Outsider, "LivepeerGovernor", "propose", proposal.Targets, proposal.Values, proposal.Calldatas, proposal.Description);
        // Only the timelock (through a passed proposal) changes parameters; the deployer no longer owns the Controller.
        await chain.ExpectRevertAsync("caller must be Controller owner", 0, "RoundsManager", "setRoundLockAmount", new BigInteger(200_000));
        await chain.ExpectRevertAsync("GovernorOnlyExecutor(address)", Transcoder, "LivepeerGovernor", "setVotingPeriod", new BigInteger(1));
        await chain.ExpectRevertAsync("already initialized", 0, "Treasury", "initialize", BigInteger.Zero, Array.Empty<string>(), Array.Empty<string>(), chain.Address(0));
        await chain.ExpectRevertAsync("already initialized", 0, "LivepeerGovernor", "initialize", BigInteger.One, BigInteger.One, BigInteger.Zero, BigInteger.Zero, BigInteger.Zero);
        // Checkpoints come from the BondingManager only.
        await chain.ExpectRevertAsync("InvalidCaller(address,address)", Outsider, "BondingVotes", "checkpointTotalActiveStake", BigInteger.One, new BigInteger(3));
        await chain.ExpectRevertAsync("MustCallBondingManager(string)", Outsider, "BondingVotes", "delegate", chain.Address(Transcoder));

        // A delegator of an account that is not a registered transcoder has no votes, and a vote without weight is refused.
        var id = await ProposeAsync(chain, Transcoder, SetRoundLockAmount(chain, 200_000, "from the transcoder"));
        await chain.BondAsync(ItsDelegator, 300 * GovernedChain.Lpt, NotATranscoder);
        await chain.MineToRoundAsync(5);
        Assert.Equal(BigInteger.Zero, await chain.CallAsync<BigInteger>("BondingVotes", "getPastVotes", chain.Address(ItsDelegator), new BigInteger(4)));
        Assert.Equal(chain.Address(NotATranscoder), await chain.CallAsync<string>("BondingVotes", "delegatedAt", chain.Address(ItsDelegator), new BigInteger(4)), ignoreCase: true);
        await chain.ExpectRevertAsync("NoVotingPower(address)", ItsDelegator, "LivepeerGovernor", "castVote", id, (byte)1);
        await chain.ExpectRevertAsync("NoVotingPower(address)", Outsider, "LivepeerGovernor", "castVote", id, (byte)1);
        Assert.Equal((BigInteger.Zero, BigInteger.Zero, BigInteger.Zero), await VotesAsync(chain, id));
        Assert.False(await chain.CallAsync<bool>("LivepeerGovernor", "hasVoted", id, chain.Address(ItsDelegator)));
        Assert.Equal(100_000, (long)await chain.CallAsync<BigInteger>("RoundsManager", "roundLockAmount"));
        Assert.Equal(2, (long)await chain.CallAsync<BigInteger>("LivepeerGovernor", "votingPeriod"));
        Assert.False(await chain.CallAsync<bool>("Treasury", "hasRole", await chain.CallAsync<byte[]>("Treasury", "DEFAULT_ADMIN_ROLE"), chain.Address(0)));
    }
}
