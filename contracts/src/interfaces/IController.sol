// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice What managers read from the Controller.
interface IController {
    function getContract(bytes32 _id) external view returns (address);

    function paused() external view returns (bool);

    function owner() external view returns (address);
}
