// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice What the protocol contracts call on the Minter (which holds bonded LPT and fee ETH).
interface IMinter {
    function createReward(uint256 _fracNum, uint256 _fracDenom) external returns (uint256);

    function trustedTransferTokens(address _to, uint256 _amount) external;

    function trustedBurnTokens(uint256 _amount) external;

    function trustedWithdrawETH(address payable _to, uint256 _amount) external;

    function depositETH() external payable returns (bool);

    function setCurrentRewardTokens() external;

    function currentMintableTokens() external view returns (uint256);
}
