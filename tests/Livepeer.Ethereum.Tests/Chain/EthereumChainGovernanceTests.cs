using System.Collections.Immutable;
using System.Numerics;
using System.Text;
using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Ethereum.Chain;
using Livepeer.Ethereum.Networks;
using Livepeer.Ethereum.Rpc;
using Livepeer.Ethereum.Tests.Governance;
using Livepeer.Ethereum.Transactions;
using Livepeer.Protocol.Governance;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.Signing;
using Livepeer.Protocol.Slashing;
using Nethereum.Util;

namespace Livepeer.Ethereum.Tests.Chain;

/// <summary>
/// Governance (LivepeerGovernor, BondingVotes, the Treasury timelock) and verification (the Verifier) through the nodes'
/// chain interface on a real anvil: the same calls, ids and typed refusals the embedded ledger gives.
/// </summary>
public sealed class EthereumChainGovernanceTests
{
    private const int Transcoder = 1, Delegator = 2, Finder = 4, Outsider = 5;

    private static async Task<EthereumChain> Connect(GovernedChain chain, int account)
    {
        var network = EthereumNetwork.Resolve("anvil", Address.Parse(chain.Record.Controller));
        var policy = new GasPolicy { ReceiptPollInterval = TimeSpan.FromMilliseconds(50), MineTimeout = TimeSpan.FromSeconds(30) };
        return await EthereumChain.ConnectAsync(new EthereumRpc(chain.RpcUrl), network, PrivateKey.Parse(chain.PrivateKey(account)), policy);
    }

    /// <summary>Round 3: the transcoder is active with 1000 LPT of its own and 400 delegated.</summary>
    private static async Task<GovernedChain> StakedChainAsync()
    {
        var chain = await GovernedChain.StartAsync();
        await chain.StartRoundAsync(2);
        await chain.BondAsync(Transcoder, 1000 * GovernedChain.Lpt, Transcoder);
        await chain.SendAsync(Transcoder, "BondingManager", "transcoder", new BigInteger(100_000), new BigInteger(500_000));
        await chain.BondAsync(Delegator, 400 * GovernedChain.Lpt, Transcoder);
        await chain.StartRoundAsync(3);
        await chain.SendAsync(Transcoder, "BondingManager", "reward");
        return chain;
    }

    private static async Task<string> Refusal(Func<Task> call) => (await Assert.ThrowsAsync<ChainTransactionException>(call)).Reason;

    [Fact]
    public async Task AProposalIsMadeListedVotedAndExecutedThroughTheInterfaceWithTheLedgersIdsAndRefusals()
    {
        await using var chain = await StakedChainAsync();
        using var transcoder = await Connect(chain, Transcoder);
        using var delegator = await Connect(chain, Delegator);
        using var outsider = await Connect(chain, Outsider);
        var newVerifiers = ImmutableArray.Create(Address.Parse(chain.Address(Outsider)), Address.Parse(chain.Address(Finder)));
        ImmutableArray<ProposalAction> actions =
        [
            new ParameterChange(ParameterName.RoundLockAmount, (UInt256)200_000),
            new VerifierSetChange(newVerifiers, 1),
            new TreasurySpend(Address.Parse(chain.Address(Outsider)), (UInt256)1),
        ];

        Assert.Equal("ProposalThresholdNotMet", await Refusal(() => outsider.ProposeAsync(actions, "from an outsider")));
        Assert.Equal("InvalidProposal", await Refusal(() => transcoder.ProposeAsync([], "nothing")));
        Assert.Equal("InvalidProposal", await Refusal(() => transcoder.ProposeAsync([new ParameterChange(ParameterName.Quota, (UInt256)1)], "no setter")));
        Assert.Empty(await outsider.GetProposalsAsync());

        await transcoder.ProposeAsync(actions, "LIP-x: lock 20%, two verifiers, pay the outsider 1 wei");
        var listed = Assert.Single(await outsider.GetProposalsAsync());
        // Proposed in round 3, votingDelay 1, votingPeriod 2: snapshot 4, votes in rounds 5 and 6.
        Assert.Equal((1L, ProposalStatus.Pending, 5L, 7L), (listed.Proposal.Id, listed.Status, listed.Proposal.VoteStart, listed.Proposal.VoteEnd));
        Assert.True(actions.SequenceEqual(listed.Proposal.Actions), $"decoded actions: {string.Join(", ", listed.Proposal.Actions)}");
        Assert.Equal(Address.Parse(chain.Address(Transcoder)), listed.Proposal.Proposer);
        Assert.Equal("ProposalNotActive", await Refusal(() => transcoder.VoteAsync(1, VoteSupport.For)));
        Assert.Equal("UnknownProposal", await Refusal(() => transcoder.VoteAsync(2, VoteSupport.For)));

        await chain.StartRoundAsync(4);
        await chain.StartRoundAsync(5);
        await delegator.VoteAsync(1, VoteSupport.Against);
        await transcoder.VoteAsync(1, VoteSupport.For);
        Assert.Equal("AlreadyVoted", await Refusal(() => transcoder.VoteAsync(1, VoteSupport.Against)));
        Assert.Equal("NoVotingPower", await Refusal(() => outsider.VoteAsync(1, VoteSupport.For)));
        Assert.Equal("ProposalNotSucceeded", await Refusal(() => outsider.ExecuteAsync(1)));
        var active = Assert.Single(await outsider.GetProposalsAsync());
        Assert.Equal(ProposalStatus.Active, active.Status);
        Assert.True(active.Proposal.For > active.Proposal.Against && active.Proposal.Against > UInt256.Zero, "the delegator's stake left its transcoder's vote");
        Assert.Equal(new UInt256(await chain.CallAsync<BigInteger>("BondingVotes", "getPastTotalSupply", new BigInteger(4))), active.Proposal.TotalActiveStake);

        await chain.StartRoundAsync(6);
        await chain.StartRoundAsync(7);
        Assert.Equal(ProposalStatus.Succeeded, Assert.Single(await outsider.GetProposalsAsync()).Status);
        var outsiderLpt = await chain.LptBalanceAsync(chain.Address(Outsider));
        await outsider.ExecuteAsync(1); // queue in the Treasury, then execute
        Assert.Equal(200_000, (long)await chain.CallAsync<BigInteger>("RoundsManager", "roundLockAmount"));
        Assert.Equal(BigInteger.One, await chain.CallAsync<BigInteger>("Verifier", "verifierThreshold"));
        Assert.True(await chain.CallAsync<bool>("Verifier", "isVerifier", chain.Address(Finder)));
        Assert.Equal(outsiderLpt + 1, await chain.LptBalanceAsync(chain.Address(Outsider)));
        var executed = Assert.Single(await outsider.GetProposalsAsync());
        Assert.Equal((ProposalStatus.Executed, true), (executed.Status, executed.Proposal.Executed));
        Assert.Equal("ProposalAlreadyExecuted", await Refusal(() => outsider.ExecuteAsync(1)));
    }

    [Fact]
    public async Task EquivocationAndAttestedFailedVerificationSlashThroughTheVerifierContractWithTheLedgersRefusals()
    {
        await using var chain = await StakedChainAsync();
        using var finder = await Connect(chain, Finder);
        using var outsider = await Connect(chain, Outsider);
        var verifiers = new List<EthereumChain>();
        foreach (var v in GovernedChain.Verifiers) verifiers.Add(await Connect(chain, v));
        try
        {
            var orchestrator = Address.Parse(chain.Address(Transcoder));
            var orchestratorKey = PrivateKey.Parse(chain.PrivateKey(Transcoder));
            var profiles = Keccak("P360p30fps16x9"); var source = Keccak("source 9");
            SignedResult Result(PrivateKey key, string result)
            {
                var claim = SegmentClaim.Hash("stream", 9, profiles, source, Keccak(result));
                return new SignedResult(source, Keccak(result), key.Sign(EthereumSignedMessage.Digest(claim)).ToArray());
            }
            var evidence = new EquivocationEvidence(orchestrator, "stream", 9, profiles, Result(orchestratorKey, "a"), Result(orchestratorKey, "b"));
            var forged = evidence with { Second = Result(PrivateKey.Parse(chain.PrivateKey(Outsider)), "b") };
            Assert.Equal("InvalidEvidence", await Refusal(() => finder.SlashEquivocationAsync(forged)));
            var stake = (await finder.GetTranscoderAsync(orchestrator)).TotalStake;
            var slashed = await finder.SlashEquivocationAsync(evidence);
            Assert.Single(slashed.Named("EquivocationSlashed"));
            var penalty = UInt256.Parse(Assert.Single(slashed.Named("TranscoderSlashed")).Args.GetProperty("penalty").GetString()!);
            Assert.Equal(stake * (UInt256)500_000 / (UInt256)1_000_000, penalty);
            Assert.Equal(stake - penalty, (await finder.GetTranscoderAsync(orchestrator)).TotalStake);
            Assert.Equal("EvidenceAlreadySettled", await Refusal(() => outsider.SlashEquivocationAsync(evidence)));

            var bundle = Keccak("evidence bundle");
            Assert.Equal("UnknownEvidence", await Refusal(() => verifiers[0].AttestFailedVerificationAsync(orchestrator, bundle)));
            Assert.Equal("InvalidEvidence", await Refusal(() => finder.ReportFailedVerificationAsync(orchestrator, bundle, "  ")));
            var reported = await finder.ReportFailedVerificationAsync(orchestrator, bundle, "http://127.0.0.1:1/evidence/1");
            var report = Assert.Single(reported.Named("FailedVerificationReported")).Args;
            Assert.Equal(("http://127.0.0.1:1/evidence/1", bundle), (report.GetProperty("evidenceUri").GetString(), Hash.Parse(report.GetProperty("evidence").GetString()!)));
            Assert.Equal("AlreadyReported", await Refusal(() => outsider.ReportFailedVerificationAsync(orchestrator, bundle, "http://127.0.0.1:1/other")));
            var state = await outsider.GetEvidenceAsync(orchestrator, bundle);
            Assert.Equal((true, finder.Account!.Value, 3L, 0L, 2, false), (state.Reported, state.Reporter, state.ReportedRound, state.Attestations, state.Threshold, state.Settled));

            Assert.Equal("NotAVerifier", await Refusal(() => outsider.AttestFailedVerificationAsync(orchestrator, bundle)));
            await verifiers[0].AttestFailedVerificationAsync(orchestrator, bundle);
            Assert.Equal("AlreadyAttested", await Refusal(() => verifiers[0].AttestFailedVerificationAsync(orchestrator, bundle)));
            Assert.Equal((1L, false), ((await outsider.GetEvidenceAsync(orchestrator, bundle)).Attestations, (await outsider.GetEvidenceAsync(orchestrator, bundle)).Settled));
            var before = (await finder.GetTranscoderAsync(orchestrator)).TotalStake;
            var second = await verifiers[1].AttestFailedVerificationAsync(orchestrator, bundle);
            Assert.Single(second.Named("FailedVerificationSlashed"));
            Assert.Equal(before - before * (UInt256)ProtocolParameters.Devnet.FailedVerificationSlashFraction / (UInt256)1_000_000,
                (await finder.GetTranscoderAsync(orchestrator)).TotalStake);
            Assert.True((await outsider.GetEvidenceAsync(orchestrator, bundle)).Settled);
            Assert.Equal("EvidenceAlreadySettled", await Refusal(() => verifiers[2].AttestFailedVerificationAsync(orchestrator, bundle)));
        }
        finally
        {
            foreach (var v in verifiers) v.Dispose();
        }
    }

    private static Hash Keccak(string text) => new(Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes(text)));
}
