// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Manager} from "Manager.sol";
import {IBondingVotes} from "interfaces/IBondingVotes.sol";
import {IRoundsManager} from "interfaces/IRoundsManager.sol";

/// @notice Test-only stand-in for the BondingManager (and the Minter's round hook): the test sets bonding state,
/// which is checkpointed into BondingVotes exactly as the BondingManager does, and slashTranscoder only records
/// its caller and arguments.
contract TestBondingManager is Manager {
    struct Delegator {
        uint256 bondedAmount;
        address delegateAddress;
        uint256 delegatedAmount;
        uint256 lastClaimRound;
    }

    mapping(address => Delegator) private delegators;
    mapping(address => mapping(uint256 => uint256)) private cumulativeRewardFactors;
    uint256 public nextRoundTotalActiveStake;
    uint256 public currentRoundTotalActiveStake;
    uint256 public slashCount;

    event SlashTranscoderCalled(address transcoder, address finder, uint256 slashAmount, uint256 finderFee);

    constructor(address _controller) Manager(_controller) {}

    /// @dev Sets an account's bonding state and checkpoints it from the next round.
    function setBondingState(
        address _account,
        uint256 _bondedAmount,
        address _delegateAddress,
        uint256 _delegatedAmount,
        uint256 _lastClaimRound,
        uint256 _lastRewardRound
    ) external {
        delegators[_account] = Delegator(_bondedAmount, _delegateAddress, _delegatedAmount, _lastClaimRound);
        uint256 round = IRoundsManager(_contract("RoundsManager")).currentRound();
        IBondingVotes(_contract("BondingVotes")).checkpointBondingState(
            _account, round + 1, _bondedAmount, _delegateAddress, _delegatedAmount, _lastClaimRound, _lastRewardRound
        );
    }

    function setCumulativeRewardFactor(address _transcoder, uint256 _round, uint256 _factor) external {
        cumulativeRewardFactors[_transcoder][_round] = _factor;
    }

    function setNextRoundTotalActiveStake(uint256 _stake) external {
        nextRoundTotalActiveStake = _stake;
    }

    /// @dev RoundsManager.initializeRound hook: locks in the round's active stake and checkpoints it.
    function setCurrentRoundTotalActiveStake() external {
        currentRoundTotalActiveStake = nextRoundTotalActiveStake;
        uint256 round = IRoundsManager(_contract("RoundsManager")).currentRound();
        IBondingVotes(_contract("BondingVotes")).checkpointTotalActiveStake(currentRoundTotalActiveStake, round);
    }

    /// @dev RoundsManager.initializeRound hook of the Minter: nothing to mint here.
    function setCurrentRewardTokens() external {}

    function getDelegator(address _delegator)
        external
        view
        returns (uint256, uint256, address, uint256, uint256, uint256, uint256)
    {
        Delegator storage d = delegators[_delegator];
        return (d.bondedAmount, 0, d.delegateAddress, d.delegatedAmount, 0, d.lastClaimRound, 0);
    }

    function getTranscoderEarningsPoolForRound(address _transcoder, uint256 _round)
        external
        view
        returns (uint256, uint256, uint256, uint256, uint256)
    {
        return (0, 0, 0, cumulativeRewardFactors[_transcoder][_round], 0);
    }

    function slashTranscoder(address _transcoder, address _finder, uint256 _slashAmount, uint256 _finderFee) external {
        require(msg.sender == _contract("Verifier"), "caller must be Verifier");
        slashCount++;
        emit SlashTranscoderCalled(_transcoder, _finder, _slashAmount, _finderFee);
    }
}
