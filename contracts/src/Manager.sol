// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IController} from "./interfaces/IController.sol";
import {IManager} from "./interfaces/IManager.sol";

/// @title Manager
/// @notice Base of every protocol contract: finds its peers through the Controller, obeys its pause, and takes
/// parameter changes only from the Controller's owner.
abstract contract Manager is IManager {
    IController public controller;

    event SetController(address controller);
    event ParameterUpdate(string param);

    constructor(address _controller) {
        controller = IController(_controller);
    }

    modifier onlyController() {
        require(msg.sender == address(controller), "caller must be Controller");
        _;
    }

    modifier onlyControllerOwner() {
        require(msg.sender == controller.owner(), "caller must be Controller owner");
        _;
    }

    modifier whenSystemNotPaused() {
        _whenSystemNotPaused();
        _;
    }

    modifier whenSystemPaused() {
        require(controller.paused(), "system is not paused");
        _;
    }

    /// @notice Moves this contract to a new Controller (only the current Controller may).
    function setController(address _controller) external onlyController {
        controller = IController(_controller);
        emit SetController(_controller);
    }

    /// @dev The registered address of contract `_name` (keccak256 of its name).
    function _contract(string memory _name) internal view returns (address) {
        return controller.getContract(keccak256(bytes(_name)));
    }

    /// @dev A function, not inlined at every use: keeps the managers under the 24 KB code size limit.
    function _whenSystemNotPaused() internal view {
        require(!controller.paused(), "system is paused");
    }
}
