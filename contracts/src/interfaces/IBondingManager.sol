// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice What the other protocol contracts call on the BondingManager.
interface IBondingManager {
    function setCurrentRoundTotalActiveStake() external;

    function updateTranscoderWithFees(address _transcoder, uint256 _fees, uint256 _round) external;

    function slashTranscoder(address _transcoder, address _finder, uint256 _slashAmount, uint256 _finderFee) external;

    function getTotalBonded() external view returns (uint256);

    function getTranscoderPoolSize() external view returns (uint256);

    function isActiveTranscoder(address _transcoder) external view returns (bool);

    function isRegisteredTranscoder(address _transcoder) external view returns (bool);

    function canEarn(address _transcoder) external view returns (bool);

    function transcoderTotalStake(address _transcoder) external view returns (uint256);
}
