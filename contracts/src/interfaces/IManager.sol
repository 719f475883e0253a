// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice A protocol contract that reads its peers through the Controller.
interface IManager {
    function setController(address _controller) external;
}
