// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Manager} from "../Manager.sol";
import {GovernorCountingOverridable} from "./GovernorCountingOverridable.sol";
import {IBondingVotesSource} from "./GovernanceSources.sol";

/// @title LivepeerGovernor
/// @notice Stake voting on proposals executed by the Treasury (a TimelockController): propose, vote in rounds
/// snapshot+1 .. snapshot+votingPeriod (snapshot = proposal round + votingDelay) with BondingVotes weights at the
/// snapshot, queue, execute. Quorum is a fraction (1e6 precision) of the total active stake at the snapshot.
contract LivepeerGovernor is Manager, GovernorSettings, GovernorTimelockControl, GovernorCountingOverridable {
    using Checkpoints for Checkpoints.Trace208;

    uint256 private constant PERC_DIVISOR = 1_000_000;
    // Livepeer's (OpenZeppelin 4.9) signed-ballot types, without voter and nonce, for the v/r/s entry points.
    bytes32 private constant LEGACY_BALLOT_TYPEHASH = keccak256("Ballot(uint256 proposalId,uint8 support)");
    bytes32 private constant LEGACY_EXTENDED_BALLOT_TYPEHASH =
        keccak256("ExtendedBallot(uint256 proposalId,uint8 support,string reason,bytes params)");

    address private immutable deployer;
    bool public initialized;
    IBondingVotesSource private votesSource;
    Checkpoints.Trace208 private quorumNumeratorHistory;

    event Initialized(uint8 version);
    event QuorumNumeratorUpdated(uint256 oldQuorumNumerator, uint256 newQuorumNumerator);

    /// @dev Livepeer's governor lists this error (OpenZeppelin 4's empty governance-call queue); kept in the ABI.
    error Empty();

    constructor(address _controller, TimelockController _treasury)
        Manager(_controller)
        Governor("LivepeerGovernor")
        GovernorSettings(1, 1, 0)
        GovernorTimelockControl(_treasury)
    {
        deployer = msg.sender;
    }

    /// @notice Livepeer's proxy target id, kept for interface parity (this contract is not behind a proxy).
    function targetContractId() external pure returns (bytes32) {
        return keccak256("LivepeerGovernorTarget");
    }

    /// @notice Sets the parameters once, by the deployer, after BondingVotes is registered in the Controller.
    /// @param initialQuorum quorum numerator, 1e6 = 100 % of the total active stake
    /// @param initialQuota for-votes needed out of for + against, 1e6 = 100 %
    function initialize(
        uint256 initialVotingDelay,
        uint256 initialVotingPeriod,
        uint256 initialProposalThreshold,
        uint256 initialQuorum,
        uint256 initialQuota
    ) external {
        require(msg.sender == deployer, "caller must be the deployer");
        require(!initialized, "already initialized");
        initialized = true;
        // First: the quorum checkpoint is keyed by BondingVotes' clock.
        _bumpVotes();
        _setVotingDelay(SafeCast.toUint48(initialVotingDelay));
        _setVotingPeriod(SafeCast.toUint32(initialVotingPeriod));
        _setProposalThreshold(initialProposalThreshold);
        _updateQuorumNumerator(initialQuorum);
        _setQuota(initialQuota);
        emit Initialized(1);
    }

    /// @notice Re-reads the BondingVotes address from the Controller.
    function bumpGovernorVotesTokenAddress() external {
        _bumpVotes();
    }

    function votes() public view override returns (IBondingVotesSource) {
        return votesSource;
    }

    /// @notice The votes source (OpenZeppelin's GovernorVotes name for it).
    function token() external view returns (address) {
        return address(votesSource);
    }

    function clock() public view override returns (uint48) {
        return votesSource.clock();
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public view override returns (string memory) {
        return votesSource.CLOCK_MODE();
    }

    function quorumNumerator() public view returns (uint256) {
        return quorumNumeratorHistory.latest();
    }

    function quorumNumerator(uint256 timepoint) public view returns (uint256) {
        return quorumNumeratorHistory.upperLookupRecent(SafeCast.toUint48(timepoint));
    }

    function quorumDenominator() public view virtual returns (uint256) {
        return PERC_DIVISOR;
    }

    /// @notice MathUtils.percOf(total active stake at the snapshot, quorum numerator at the snapshot).
    function quorum(uint256 timepoint) public view override returns (uint256) {
        return (votesSource.getPastTotalSupply(timepoint) * quorumNumerator(timepoint)) / PERC_DIVISOR;
    }

    function updateQuorumNumerator(uint256 newQuorumNumerator) external onlyGovernance {
        _updateQuorumNumerator(newQuorumNumerator);
    }

    /// @notice Livepeer's uint256 setter signatures (OpenZeppelin 5 takes uint48/uint32).
    function setVotingDelay(uint256 newVotingDelay) external onlyGovernance {
        _setVotingDelay(SafeCast.toUint48(newVotingDelay));
    }

    function setVotingPeriod(uint256 newVotingPeriod) external onlyGovernance {
        _setVotingPeriod(SafeCast.toUint32(newVotingPeriod));
    }

    /// @notice A vote signed as Livepeer's governor expects it: EIP-712 Ballot(proposalId, support), split v/r/s.
    function castVoteBySig(uint256 proposalId, uint8 support, uint8 v, bytes32 r, bytes32 s) external returns (uint256) {
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(LEGACY_BALLOT_TYPEHASH, proposalId, support)));
        return _castVote(proposalId, ECDSA.recover(digest, v, r, s), support, "");
    }

    function castVoteWithReasonAndParamsBySig(
        uint256 proposalId,
        uint8 support,
        string calldata reason,
        bytes memory params,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256) {
        bytes32 digest = _hashTypedDataV4(
            keccak256(
                abi.encode(LEGACY_EXTENDED_BALLOT_TYPEHASH, proposalId, support, keccak256(bytes(reason)), keccak256(params))
            )
        );
        return _castVote(proposalId, ECDSA.recover(digest, v, r, s), support, reason, params);
    }

    function propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description
    ) public override returns (uint256) {
        require(initialized, "governor not initialized");
        return super.propose(targets, values, calldatas, description);
    }

    function _bumpVotes() private {
        address bondingVotes = _contract("BondingVotes");
        require(bondingVotes != address(0), "BondingVotes not registered");
        votesSource = IBondingVotesSource(bondingVotes);
    }

    function _updateQuorumNumerator(uint256 newQuorumNumerator) private {
        require(newQuorumNumerator <= PERC_DIVISOR, "quorum above 100%");
        uint256 old = quorumNumeratorHistory.latest();
        quorumNumeratorHistory.push(clock(), SafeCast.toUint208(newQuorumNumerator));
        emit QuorumNumeratorUpdated(old, newQuorumNumerator);
    }

    function _getVotes(address account, uint256 timepoint, bytes memory) internal view override returns (uint256) {
        return votesSource.getPastVotes(account, timepoint);
    }

    // Overrides required by Solidity for the diamond of extensions.

    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    function proposalNeedsQueuing(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (bool)
    {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
