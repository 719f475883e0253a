// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Manager} from "../Manager.sol";

/// @title ServiceRegistry
/// @notice Where each orchestrator advertises the URI broadcasters reach it at.
contract ServiceRegistry is Manager {
    /// @notice The id Livepeer's proxies resolve their target by (these contracts are registered directly).
    bytes32 public constant targetContractId = keccak256("ServiceRegistryTarget");

    mapping(address => string) internal serviceURIs;

    event ServiceURIUpdate(address indexed addr, string serviceURI);

    constructor(address _controller) Manager(_controller) {}

    function setServiceURI(string calldata _serviceURI) external {
        serviceURIs[msg.sender] = _serviceURI;
        emit ServiceURIUpdate(msg.sender, _serviceURI);
    }

    function getServiceURI(address _addr) external view returns (string memory) {
        return serviceURIs[_addr];
    }
}
