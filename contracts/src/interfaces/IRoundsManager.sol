// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice What the protocol contracts read from the RoundsManager.
interface IRoundsManager {
    function currentRound() external view returns (uint256);

    function currentRoundInitialized() external view returns (bool);

    function currentRoundLocked() external view returns (bool);

    function blockHashForRound(uint256 _round) external view returns (bytes32);
}
