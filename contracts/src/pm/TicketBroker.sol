// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {Manager} from "../Manager.sol";
import {IBondingManager} from "../interfaces/IBondingManager.sol";
import {IMinter} from "../interfaces/IMinter.sol";
import {IRoundsManager} from "../interfaces/IRoundsManager.sol";

/// @title TicketBroker
/// @notice Probabilistic micropayments with Livepeer's interface: senders fund a deposit and a reserve (ETH held by
/// the Minter), recipients redeem winning tickets. Project rules: a ticket that the deposit plus this recipient's
/// reserve share cannot cover in full is refused and stays unused; the recipient must be a registered transcoder that
/// can earn this round; zero-value funding is refused; only the sender's own funding cancels its unlock.
contract TicketBroker is Manager {
    /// @notice The id Livepeer's proxies resolve their target by (this contract is registered directly).
    bytes32 public constant targetContractId = keccak256("TicketBrokerTarget");

    struct Ticket {
        address recipient;
        address sender;
        uint256 faceValue;
        uint256 winProb;
        uint256 senderNonce;
        bytes32 recipientRandHash;
        bytes auxData; // creationRound (32 bytes) | creationRoundBlockHash (32 bytes)
    }

    struct Sender {
        uint256 deposit;
        uint256 withdrawRound;
    }

    struct ReserveInfo {
        uint256 fundsRemaining;
        uint256 claimedInCurrentRound;
    }

    struct Reserve {
        uint256 funds;
        mapping(uint256 => uint256) claimedForRound;
        mapping(uint256 => mapping(address => uint256)) claimedByAddress;
    }

    uint256 public unlockPeriod;
    uint256 public ticketValidityPeriod;
    mapping(bytes32 => bool) public usedTickets;
    mapping(address => Sender) internal senders;
    mapping(address => Reserve) internal reserves;

    event DepositFunded(address indexed sender, uint256 amount);
    event ReserveFunded(address indexed reserveHolder, uint256 amount);
    event ReserveClaimed(address indexed reserveHolder, address claimant, uint256 amount);
    event WinningTicketRedeemed(
        address indexed sender,
        address indexed recipient,
        uint256 faceValue,
        uint256 winProb,
        uint256 senderNonce,
        uint256 recipientRand,
        bytes auxData
    );
    event WinningTicketTransfer(address indexed sender, address indexed recipient, uint256 amount);
    event Unlock(address indexed sender, uint256 startRound, uint256 endRound);
    event UnlockCancelled(address indexed sender);
    event Withdrawal(address indexed sender, uint256 deposit, uint256 reserve);

    constructor(address _controller) Manager(_controller) {}

    function setUnlockPeriod(uint256 _unlockPeriod) external onlyControllerOwner {
        unlockPeriod = _unlockPeriod;
        emit ParameterUpdate("unlockPeriod");
    }

    function setTicketValidityPeriod(uint256 _ticketValidityPeriod) external onlyControllerOwner {
        require(_ticketValidityPeriod > 0, "ticketValidityPeriod must be greater than 0");
        ticketValidityPeriod = _ticketValidityPeriod;
        emit ParameterUpdate("ticketValidityPeriod");
    }

    // ------------------------------------------------------------------ funding

    function fundDeposit() external payable {
        _fund(msg.sender, msg.value, 0);
    }

    function fundReserve() external payable {
        _fund(msg.sender, 0, msg.value);
    }

    function fundDepositAndReserve(uint256 _depositAmount, uint256 _reserveAmount) external payable {
        fundDepositAndReserveFor(msg.sender, _depositAmount, _reserveAmount);
    }

    function fundDepositAndReserveFor(address _addr, uint256 _depositAmount, uint256 _reserveAmount) public payable {
        require(
            msg.value == _depositAmount + _reserveAmount,
            "msg.value does not equal sum of deposit amount and reserve amount"
        );
        _fund(_addr, _depositAmount, _reserveAmount);
    }

    function _fund(address _addr, uint256 _depositAmount, uint256 _reserveAmount) internal {
        _whenSystemNotPaused();
        require(msg.value > 0, "funding amount must be greater than 0");
        Sender storage sender = senders[_addr];
        if (_depositAmount > 0) {
            sender.deposit += _depositAmount;
            emit DepositFunded(_addr, _depositAmount);
        }
        if (_reserveAmount > 0) {
            reserves[_addr].funds += _reserveAmount;
            emit ReserveFunded(_addr, _reserveAmount);
        }
        // Only the sender itself cancels its unlock: a third party's funding must not keep it from withdrawing.
        if (msg.sender == _addr && sender.withdrawRound > 0) _cancelUnlock(sender, _addr);
        IMinter(_contract("Minter")).depositETH{value: msg.value}();
    }

    // ------------------------------------------------------------------ redemption

    function redeemWinningTicket(Ticket memory _ticket, bytes memory _sig, uint256 _recipientRand) public {
        _whenSystemNotPaused();
        IRoundsManager rm = roundsManager();
        require(rm.currentRoundInitialized(), "current round is not initialized");
        uint256 round = rm.currentRound();
        bytes32 ticketHash = getTicketHash(_ticket);
        uint256 creationRound = requireValidWinningTicket(_ticket, ticketHash, _sig, _recipientRand, rm, round);

        _settle(_ticket, round, creationRound);
        usedTickets[ticketHash] = true;
        emit WinningTicketRedeemed(
            _ticket.sender,
            _ticket.recipient,
            _ticket.faceValue,
            _ticket.winProb,
            _ticket.senderNonce,
            _recipientRand,
            _ticket.auxData
        );
    }

    /// @dev Pays the face value from the deposit, then from this recipient's reserve share, in full or not at all.
    function _settle(Ticket memory _ticket, uint256 _round, uint256 _creationRound) internal {
        Sender storage sender = senders[_ticket.sender];
        require(sender.withdrawRound == 0 || _round < sender.withdrawRound, "sender is unlocked");
        Reserve storage reserve = reserves[_ticket.sender];
        require(sender.deposit > 0 || reserve.funds > 0, "sender deposit and reserve are zero");
        IBondingManager bm = bondingManager();
        address recipient = _ticket.recipient;
        require(bm.isRegisteredTranscoder(recipient) && bm.canEarn(recipient), "transcoder must be active");

        uint256 deposit = sender.deposit;
        uint256 faceValue = _ticket.faceValue;
        if (faceValue > deposit) {
            uint256 fromReserve = faceValue - deposit;
            require(
                fromReserve <= _claimableReserve(reserve, recipient, _round, bm),
                "sender deposit and reserve are insufficient"
            );
            sender.deposit = 0;
            reserve.funds -= fromReserve;
            reserve.claimedForRound[_round] += fromReserve;
            reserve.claimedByAddress[_round][recipient] += fromReserve;
            emit ReserveClaimed(_ticket.sender, recipient, fromReserve);
        } else {
            sender.deposit = deposit - faceValue;
        }
        if (faceValue > 0) {
            bm.updateTranscoderWithFees(recipient, faceValue, _creationRound);
            emit WinningTicketTransfer(_ticket.sender, recipient, faceValue);
        }
    }

    /// @notice Redeems each ticket on its own: one that fails does not stop the others.
    function batchRedeemWinningTickets(Ticket[] memory _tickets, bytes[] memory _sigs, uint256[] memory _recipientRands)
        external
    {
        for (uint256 i = 0; i < _tickets.length; i++) {
            try this.redeemWinningTicket(_tickets[i], _sigs[i], _recipientRands[i]) {} catch {}
        }
    }

    // ------------------------------------------------------------------ unlock / withdraw

    function unlock() external {
        _whenSystemNotPaused();
        Sender storage sender = senders[msg.sender];
        require(sender.deposit > 0 || reserves[msg.sender].funds > 0, "sender deposit and reserve are zero");
        require(sender.withdrawRound == 0, "unlock already initiated");
        uint256 round = roundsManager().currentRound();
        sender.withdrawRound = round + unlockPeriod;
        emit Unlock(msg.sender, round, sender.withdrawRound);
    }

    function cancelUnlock() external {
        _whenSystemNotPaused();
        _cancelUnlock(senders[msg.sender], msg.sender);
    }

    function withdraw() external {
        _whenSystemNotPaused();
        Sender storage sender = senders[msg.sender];
        uint256 deposit = sender.deposit;
        uint256 reserve = reserves[msg.sender].funds;
        require(deposit > 0 || reserve > 0, "sender deposit and reserve are zero");
        require(sender.withdrawRound > 0, "no unlock request in progress");
        require(roundsManager().currentRound() >= sender.withdrawRound, "account is locked");
        sender.deposit = 0;
        // Round claims stay behind, harmlessly: a sender that withdrew cannot be paid from a reserve before it re-funds.
        reserves[msg.sender].funds = 0;
        IMinter(_contract("Minter")).trustedWithdrawETH(payable(msg.sender), deposit + reserve);
        emit Withdrawal(msg.sender, deposit, reserve);
    }

    // ------------------------------------------------------------------ views

    function isUnlockInProgress(address _sender) external view returns (bool) {
        return senders[_sender].withdrawRound > 0;
    }

    function getSenderInfo(address _sender) external view returns (Sender memory sender, ReserveInfo memory reserve) {
        sender = senders[_sender];
        reserve = getReserveInfo(_sender);
    }

    function getReserveInfo(address _reserveHolder) public view returns (ReserveInfo memory info) {
        Reserve storage reserve = reserves[_reserveHolder];
        info.fundsRemaining = reserve.funds;
        info.claimedInCurrentRound = reserve.claimedForRound[roundsManager().currentRound()];
    }

    /// @notice What `_claimant` may still take from the reserve this round: an equal share per pool member.
    function claimableReserve(address _reserveHolder, address _claimant) external view returns (uint256) {
        return _claimableReserve(reserves[_reserveHolder], _claimant, roundsManager().currentRound(), bondingManager());
    }

    function claimedReserve(address _reserveHolder, address _claimant) external view returns (uint256) {
        return reserves[_reserveHolder].claimedByAddress[roundsManager().currentRound()][_claimant];
    }

    function getTicketHash(Ticket memory _ticket) public pure returns (bytes32) {
        return keccak256(
            abi.encodePacked(
                _ticket.recipient,
                _ticket.sender,
                _ticket.faceValue,
                _ticket.winProb,
                _ticket.senderNonce,
                _ticket.recipientRandHash,
                _ticket.auxData
            )
        );
    }

    // ------------------------------------------------------------------ internals

    function _claimableReserve(Reserve storage _reserve, address _claimant, uint256 _round, IBondingManager _bm)
        internal
        view
        returns (uint256)
    {
        if (!_bm.canEarn(_claimant)) return 0;
        uint256 poolSize = _bm.getTranscoderPoolSize();
        if (poolSize == 0) return 0;
        uint256 share = (_reserve.funds + _reserve.claimedForRound[_round]) / poolSize;
        uint256 claimed = _reserve.claimedByAddress[_round][_claimant];
        return share > claimed ? share - claimed : 0;
    }

    function _cancelUnlock(Sender storage _sender, address _senderAddress) internal {
        require(_sender.withdrawRound > 0, "no unlock request in progress");
        _sender.withdrawRound = 0;
        emit UnlockCancelled(_senderAddress);
    }

    /// @dev Livepeer's order of checks; returns the ticket's creation round.
    function requireValidWinningTicket(
        Ticket memory _ticket,
        bytes32 _ticketHash,
        bytes memory _sig,
        uint256 _recipientRand,
        IRoundsManager _rm,
        uint256 _round
    ) internal view returns (uint256 creationRound) {
        require(_ticket.recipient != address(0), "ticket recipient is null address");
        require(_ticket.sender != address(0), "ticket sender is null address");
        bytes memory auxData = _ticket.auxData;
        require(auxData.length == 64, "invalid length for ticket auxData: must be 64 bytes");
        bytes32 creationRoundBlockHash;
        assembly {
            creationRound := mload(add(auxData, 32))
            creationRoundBlockHash := mload(add(auxData, 64))
        }
        bytes32 blockHash = _rm.blockHashForRound(creationRound);
        require(blockHash != bytes32(0), "ticket creationRound does not have a block hash");
        require(creationRoundBlockHash == blockHash, "ticket creationRoundBlockHash invalid for creationRound");
        require(creationRound + ticketValidityPeriod > _round, "ticket is expired");
        require(
            keccak256(abi.encodePacked(_recipientRand)) == _ticket.recipientRandHash,
            "recipientRand does not match recipientRandHash"
        );
        require(!usedTickets[_ticketHash], "ticket is used");
        require(_sig.length == 65, "INVALID_SIGNATURE_LENGTH");
        (address signer, ECDSA.RecoverError err,) =
            ECDSA.tryRecover(MessageHashUtils.toEthSignedMessageHash(_ticketHash), _sig);
        require(err == ECDSA.RecoverError.NoError && signer == _ticket.sender, "invalid signature over ticket hash");
        require(uint256(keccak256(abi.encodePacked(_sig, _recipientRand))) < _ticket.winProb, "ticket did not win");
    }

    function roundsManager() internal view returns (IRoundsManager) {
        return IRoundsManager(_contract("RoundsManager"));
    }

    function bondingManager() internal view returns (IBondingManager) {
        return IBondingManager(_contract("BondingManager"));
    }
}
