// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The checkpoints BondingManager writes into BondingVotes (Livepeer's signatures), so stake votes can be
/// read at any past round.
interface IBondingVotes {
    /// @notice Records an account's bonding state as of `_startRound` (the round from which it takes effect).
    function checkpointBondingState(
        address _account,
        uint256 _startRound,
        uint256 _bondedAmount,
        address _delegateAddress,
        uint256 _delegatedAmount,
        uint256 _lastClaimRound,
        uint256 _lastRewardRound
    ) external;

    /// @notice Records the total active stake of round `_round` (written at initializeRound).
    function checkpointTotalActiveStake(uint256 _totalStake, uint256 _round) external;
}
