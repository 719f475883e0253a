// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IController} from "./interfaces/IController.sol";
import {IManager} from "./interfaces/IManager.sol";

/// @title Controller
/// @notice The protocol's registry: every contract is found with getContract(keccak256(name)), under Livepeer's names.
/// The owner registers contracts and can pause the system (managers refuse state changes while it is paused).
contract Controller is Ownable, IController {
    struct ContractInfo {
        address contractAddress;
        bytes20 gitCommitHash;
    }

    mapping(bytes32 => ContractInfo) private registry;
    bool public paused;

    event SetContractInfo(bytes32 id, address contractAddress, bytes20 gitCommitHash);
    event Pause();
    event Unpause();

    /// @notice Deploys paused; the deployer unpauses once every contract is registered and configured.
    constructor() Ownable(msg.sender) {
        paused = true;
    }

    function setContractInfo(bytes32 _id, address _contractAddress, bytes20 _gitCommitHash) external onlyOwner {
        registry[_id] = ContractInfo(_contractAddress, _gitCommitHash);
        emit SetContractInfo(_id, _contractAddress, _gitCommitHash);
    }

    /// @notice Points a registered manager at a new controller.
    function updateController(bytes32 _id, address _controller) external onlyOwner {
        IManager(registry[_id].contractAddress).setController(_controller);
    }

    function getContractInfo(bytes32 _id) external view returns (address, bytes20) {
        ContractInfo storage info = registry[_id];
        return (info.contractAddress, info.gitCommitHash);
    }

    function getContract(bytes32 _id) external view returns (address) {
        return registry[_id].contractAddress;
    }

    function pause() external onlyOwner {
        require(!paused, "system is paused");
        paused = true;
        emit Pause();
    }

    function unpause() external onlyOwner {
        require(paused, "system is not paused");
        paused = false;
        emit Unpause();
    }

    function owner() public view override(Ownable, IController) returns (address) {
        return Ownable.owner();
    }
}
