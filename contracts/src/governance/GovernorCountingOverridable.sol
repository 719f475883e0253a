// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {IBondingVotesSource} from "./GovernanceSources.sol";

/// @title GovernorCountingOverridable
/// @notice Bravo-style counting (0 = Against, 1 = For, 2 = Abstain) where a delegator's vote overrides its share of
/// its transcoder's vote: the delegator's weight is deducted from the transcoder's, whether the transcoder votes
/// before or after (saturating at 0, as the C# engine does). Quorum counts for, against and abstain; a proposal
/// passes when for >= quota of (for + against) and, by the project's rule, has at least one for-vote (abstain-only
/// never passes). Project rule too: a vote that would count 0 (no stake at the snapshot, or all of it overridden by
/// delegators) is refused.
abstract contract GovernorCountingOverridable is Governor {
    enum VoteType {
        Against,
        For,
        Abstain
    }

    struct ProposalVoterState {
        bool hasVoted;
        VoteType support;
        // Weight of this transcoder's delegators that voted themselves: not the transcoder's to cast.
        uint256 deductions;
        // Weight this vote still counts in the tally (a transcoder's shrinks as its delegators override it).
        uint256 weight;
    }

    struct ProposalTally {
        uint256 againstVotes;
        uint256 forVotes;
        uint256 abstainVotes;
        mapping(address => ProposalVoterState) voters;
    }

    uint256 private constant PERC_DIVISOR = 1_000_000;

    mapping(uint256 => ProposalTally) private _tallies;

    /// @notice Fraction of (for + against) that for-votes must reach, in MathUtils precision (1e6 = 100 %).
    uint256 public quota;

    error InvalidVoteType(uint8 voteType);
    error VoteAlreadyCast();
    /// @notice Project rule: a vote must carry weight.
    error NoVotingPower(address voter);

    /// @notice The votes source (BondingVotes).
    function votes() public view virtual returns (IBondingVotesSource);

    // solhint-disable-next-line func-name-mixedcase
    function COUNTING_MODE() public pure virtual override returns (string memory) {
        return "support=bravo&quorum=for,abstain,against";
    }

    function hasVoted(uint256 proposalId, address account) public view virtual override returns (bool) {
        return _tallies[proposalId].voters[account].hasVoted;
    }

    function proposalVotes(uint256 proposalId)
        public
        view
        virtual
        returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes)
    {
        ProposalTally storage tally = _tallies[proposalId];
        return (tally.againstVotes, tally.forVotes, tally.abstainVotes);
    }

    function _setQuota(uint256 newQuota) internal {
        require(newQuota <= PERC_DIVISOR, "quota above 100%");
        quota = newQuota;
    }

    function _quorumReached(uint256 proposalId) internal view virtual override returns (bool) {
        ProposalTally storage tally = _tallies[proposalId];
        return quorum(proposalSnapshot(proposalId)) <= tally.againstVotes + tally.forVotes + tally.abstainVotes;
    }

    function _voteSucceeded(uint256 proposalId) internal view virtual override returns (bool) {
        ProposalTally storage tally = _tallies[proposalId];
        uint256 forVotes = tally.forVotes;
        // MathUtils.percOf(for + against, quota), floored as deployed.
        return forVotes > 0 && forVotes >= ((forVotes + tally.againstVotes) * quota) / PERC_DIVISOR;
    }

    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory
    ) internal virtual override returns (uint256) {
        if (support > uint8(VoteType.Abstain)) revert InvalidVoteType(support);
        ProposalTally storage tally = _tallies[proposalId];
        ProposalVoterState storage voter = tally.voters[account];
        if (voter.hasVoted) revert VoteAlreadyCast();
        voter.hasVoted = true;
        voter.support = VoteType(support);

        uint256 weight = _handleVoteOverrides(proposalId, tally, voter, account, totalWeight);
        if (weight == 0) revert NoVotingPower(account);
        voter.weight = weight;
        _add(tally, voter.support, weight);
        return weight;
    }

    /// @dev A transcoder casts its weight minus its delegators' own votes; a delegator's vote is deducted from its
    /// transcoder's, and moved out of the transcoder's choice if the transcoder already voted.
    function _handleVoteOverrides(
        uint256 proposalId,
        ProposalTally storage tally,
        ProposalVoterState storage voter,
        address account,
        uint256 weight
    ) private returns (uint256) {
        address delegate = votes().delegatedAt(account, proposalSnapshot(proposalId));
        if (delegate == account) return weight > voter.deductions ? weight - voter.deductions : 0;

        ProposalVoterState storage delegateVoter = tally.voters[delegate];
        delegateVoter.deductions += weight;
        if (delegateVoter.hasVoted) {
            // Never more than the transcoder's vote still counts (rounding can make its delegators' sum exceed it).
            uint256 taken = weight < delegateVoter.weight ? weight : delegateVoter.weight;
            delegateVoter.weight -= taken;
            _subtract(tally, delegateVoter.support, taken);
        }
        return weight;
    }

    function _add(ProposalTally storage tally, VoteType support, uint256 weight) private {
        if (support == VoteType.Against) tally.againstVotes += weight;
        else if (support == VoteType.For) tally.forVotes += weight;
        else tally.abstainVotes += weight;
    }

    function _subtract(ProposalTally storage tally, VoteType support, uint256 weight) private {
        if (support == VoteType.Against) tally.againstVotes -= weight;
        else if (support == VoteType.For) tally.forVotes -= weight;
        else tally.abstainVotes -= weight;
    }
}
