// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {Manager} from "../Manager.sol";
import {IRoundsManager} from "../interfaces/IRoundsManager.sol";

/// @notice What the Verifier calls on the BondingManager (Livepeer's signatures).
interface IBondingManagerSlashing {
    function getDelegator(address _delegator)
        external
        view
        returns (
            uint256 bondedAmount,
            uint256 fees,
            address delegateAddress,
            uint256 delegatedAmount,
            uint256 startRound,
            uint256 lastClaimRound,
            uint256 nextUnbondingLockId
        );

    function slashTranscoder(address _transcoder, address _finder, uint256 _slashAmount, uint256 _finderFee) external;
}

/// @title Verifier
/// @notice The project's verification extension, registered in the Controller as "Verifier" (the only caller of
/// BondingManager.slashTranscoder). Two ways to slash a transcoder's pool:
/// - equivocation: anyone shows two different results the orchestrator signed for one source segment; slashes
///   `equivocationSlashAmount` and pays the caller the finder's fee;
/// - failed verification: anyone reports evidence (and becomes its finder); when `verifierThreshold` of the verifier
///   set (chosen by governance, the Controller's owner) attest it, `failedVerificationSlashAmount` is slashed and the
///   finder paid.
/// Each piece of evidence settles once. Fractions use MathUtils precision (1e6 = 100 %). The hashes mirror the C#
/// SegmentClaim: claim = keccak256(manifestId | seq | profilesHash | sourceHash | resultHash), signed with EIP-191.
contract Verifier is Manager {
    /// @notice A transcoded result and the orchestrator's 65-byte EIP-191 signature over its segment claim.
    struct SignedResult {
        bytes32 sourceHash;
        bytes32 resultHash;
        bytes signature;
    }

    struct Report {
        address reporter;
        uint256 round;
        uint256 attestations;
    }

    uint256 private constant PERC_DIVISOR = 1_000_000;
    /// @notice Longest evidence URI a report may carry (bytes).
    uint256 public constant MAX_EVIDENCE_URI_LENGTH = 512;

    uint256 public equivocationSlashAmount = 500_000;
    uint256 public failedVerificationSlashAmount = 50_000;
    uint256 public finderFee = 500_000;

    address[] private verifiers;
    mapping(address => bool) public isVerifier;
    /// @notice Attestations needed to slash on a failed verification (k of n).
    uint256 public verifierThreshold;

    /// @notice Evidence already slashed: segment keys (equivocation) and evidence keys (failed verification).
    mapping(bytes32 => bool) public settled;
    mapping(bytes32 => Report) private reports;
    mapping(bytes32 => mapping(address => bool)) public hasAttested;

    event VerifierSetUpdated(address[] verifiers, uint256 threshold);
    event EquivocationSlashed(address indexed orchestrator, address indexed finder, bytes32 indexed segmentKey);
    event FailedVerificationReported(
        address indexed transcoder,
        bytes32 indexed evidence,
        address indexed reporter,
        string evidenceUri
    );
    event FailedVerificationAttested(
        address indexed transcoder,
        bytes32 indexed evidence,
        address indexed verifier,
        uint256 attestations,
        uint256 threshold
    );
    event FailedVerificationSlashed(address indexed transcoder, bytes32 indexed evidence, address indexed finder);

    modifier currentRoundInitialized() {
        require(_roundsManager().currentRoundInitialized(), "current round is not initialized");
        _;
    }

    constructor(address _controller) Manager(_controller) {}

    // Governance

    /// @notice Replaces the verifier set and the number of attestations needed (0 with an empty set, else 1..n).
    function setVerifierSet(address[] calldata _verifiers, uint256 _threshold) external onlyControllerOwner {
        if (_verifiers.length == 0) {
            require(_threshold == 0, "threshold must be 0 without verifiers");
        } else {
            require(_threshold >= 1 && _threshold <= _verifiers.length, "threshold must be between 1 and the number of verifiers");
        }
        for (uint256 i = 0; i < verifiers.length; i++) isVerifier[verifiers[i]] = false;
        for (uint256 i = 0; i < _verifiers.length; i++) {
            require(_verifiers[i] != address(0), "verifier is the zero address");
            require(!isVerifier[_verifiers[i]], "verifiers must be distinct");
            isVerifier[_verifiers[i]] = true;
        }
        verifiers = _verifiers;
        verifierThreshold = _threshold;
        emit VerifierSetUpdated(_verifiers, _threshold);
    }

    function setEquivocationSlashAmount(uint256 _amount) external onlyControllerOwner {
        equivocationSlashAmount = _validFraction(_amount);
        emit ParameterUpdate("equivocationSlashAmount");
    }

    function setFailedVerificationSlashAmount(uint256 _amount) external onlyControllerOwner {
        failedVerificationSlashAmount = _validFraction(_amount);
        emit ParameterUpdate("failedVerificationSlashAmount");
    }

    function setFinderFee(uint256 _fee) external onlyControllerOwner {
        finderFee = _validFraction(_fee);
        emit ParameterUpdate("finderFee");
    }

    function getVerifiers() external view returns (address[] memory) {
        return verifiers;
    }

    // Equivocation

    /// @notice Slashes `_orchestrator` for signing two different results for one source segment; the caller is the
    /// finder.
    function slashEquivocation(
        address _orchestrator,
        string calldata _manifestId,
        uint256 _seq,
        bytes32 _profilesHash,
        SignedResult calldata _first,
        SignedResult calldata _second
    ) external whenSystemNotPaused currentRoundInitialized {
        require(_orchestrator != address(0), "evidence names no orchestrator");
        require(
            _first.resultHash != _second.resultHash,
            "both results have the same hash: signing the same result twice is not equivocation"
        );
        require(
            _first.sourceHash == _second.sourceHash,
            "the two results are for different source segments: an orchestrator may answer each source once"
        );
        require(_isSignedBy(_manifestId, _seq, _profilesHash, _first, _orchestrator), "first result is not signed by the orchestrator");
        require(_isSignedBy(_manifestId, _seq, _profilesHash, _second, _orchestrator), "second result is not signed by the orchestrator");
        bytes32 key = segmentKey(_orchestrator, _manifestId, _seq, _profilesHash);
        require(!settled[key], "this segment's equivocation was already slashed");
        settled[key] = true;
        emit EquivocationSlashed(_orchestrator, msg.sender, key);
        _bondingManager().slashTranscoder(_orchestrator, msg.sender, equivocationSlashAmount, finderFee);
    }

    // Failed verification

    /// @notice Reports a failed verification of `_transcoder` for the verifiers; the caller becomes the finder.
    /// @param _evidence keccak256 of the evidence bundle
    /// @param _evidenceUri where verifiers download the evidence (1 to 512 bytes, not only whitespace)
    function reportFailedVerification(address _transcoder, bytes32 _evidence, string calldata _evidenceUri)
        external
        whenSystemNotPaused
        currentRoundInitialized
    {
        require(_transcoder != address(0), "no transcoder named");
        require(_evidence != bytes32(0), "the evidence hash is zero: give keccak256 of the evidence bundle");
        require(
            bytes(_evidenceUri).length <= MAX_EVIDENCE_URI_LENGTH && _hasNonSpace(bytes(_evidenceUri)),
            "give the URI where verifiers download the evidence (1 to 512 characters)"
        );
        bytes32 key = evidenceKey(_transcoder, _evidence);
        require(!settled[key], "this failed verification was already slashed");
        require(reports[key].reporter == address(0), "this evidence was already reported");
        _requireStake(_transcoder);
        reports[key] = Report({reporter: msg.sender, round: _roundsManager().currentRound(), attestations: 0});
        emit FailedVerificationReported(_transcoder, _evidence, msg.sender, _evidenceUri);
    }

    /// @notice A verifier attests reported evidence; the attestation that reaches the threshold slashes and pays the
    /// reporter the finder's fee.
    function attestFailedVerification(address _transcoder, bytes32 _evidence)
        external
        whenSystemNotPaused
        currentRoundInitialized
    {
        require(isVerifier[msg.sender], "caller is not in the verifier set");
        require(_transcoder != address(0), "no transcoder named");
        bytes32 key = evidenceKey(_transcoder, _evidence);
        require(!settled[key], "this failed verification was already slashed");
        Report storage report = reports[key];
        require(report.reporter != address(0), "no failed verification was reported with this evidence");
        require(!hasAttested[key][msg.sender], "caller already attested this evidence");
        _requireStake(_transcoder);
        hasAttested[key][msg.sender] = true;
        uint256 count = ++report.attestations;
        emit FailedVerificationAttested(_transcoder, _evidence, msg.sender, count, verifierThreshold);
        if (count >= verifierThreshold) {
            settled[key] = true;
            emit FailedVerificationSlashed(_transcoder, _evidence, report.reporter);
            _bondingManager().slashTranscoder(_transcoder, report.reporter, failedVerificationSlashAmount, finderFee);
        }
    }

    /// @notice The reporter, round and attestation count of reported evidence (zero reporter when unreported).
    function getReport(address _transcoder, bytes32 _evidence)
        external
        view
        returns (address reporter, uint256 round, uint256 attestations)
    {
        Report storage report = reports[evidenceKey(_transcoder, _evidence)];
        return (report.reporter, report.round, report.attestations);
    }

    // Hashes (mirror Livepeer.Protocol.Slashing.SegmentClaim and SlashingModule.EvidenceKey)

    /// @notice The hash an orchestrator signs (EIP-191) for a transcoded segment.
    function segmentClaimHash(
        string calldata _manifestId,
        uint256 _seq,
        bytes32 _profilesHash,
        bytes32 _sourceHash,
        bytes32 _resultHash
    ) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(_manifestId, _seq, _profilesHash, _sourceHash, _resultHash));
    }

    /// @notice Identity of a segment per orchestrator: an equivocation is slashed once per segment.
    function segmentKey(address _orchestrator, string calldata _manifestId, uint256 _seq, bytes32 _profilesHash)
        public
        pure
        returns (bytes32)
    {
        return keccak256(abi.encodePacked(_orchestrator, _manifestId, _seq, _profilesHash));
    }

    /// @notice Identity of a failed-verification report: keccak256(transcoder | evidence).
    function evidenceKey(address _transcoder, bytes32 _evidence) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(_transcoder, _evidence));
    }

    /// @dev Well-formed (65 bytes, low s, v in 0/1/27/28) EIP-191 signature by `_signer` of the segment claim.
    function _isSignedBy(
        string calldata _manifestId,
        uint256 _seq,
        bytes32 _profilesHash,
        SignedResult calldata _result,
        address _signer
    ) private pure returns (bool) {
        bytes calldata sig = _result.signature;
        if (sig.length != 65) return false;
        bytes32 r = bytes32(sig[0:32]);
        bytes32 s = bytes32(sig[32:64]);
        uint8 v = uint8(sig[64]);
        if (v < 27) v += 27;
        bytes32 digest = MessageHashUtils.toEthSignedMessageHash(
            segmentClaimHash(_manifestId, _seq, _profilesHash, _result.sourceHash, _result.resultHash)
        );
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecover(digest, v, r, s);
        return err == ECDSA.RecoverError.NoError && recovered == _signer;
    }

    function _requireStake(address _transcoder) private view {
        (, , , uint256 delegatedAmount, , , ) = _bondingManager().getDelegator(_transcoder);
        require(delegatedAmount > 0, "transcoder has no stake to slash");
    }

    function _hasNonSpace(bytes memory _text) private pure returns (bool) {
        for (uint256 i = 0; i < _text.length; i++) {
            bytes1 c = _text[i];
            if (c != 0x20 && (c < 0x09 || c > 0x0d)) return true;
        }
        return false;
    }

    function _validFraction(uint256 _value) private pure returns (uint256) {
        require(_value <= PERC_DIVISOR, "fraction above 100% (1e6)");
        return _value;
    }

    function _bondingManager() private view returns (IBondingManagerSlashing) {
        return IBondingManagerSlashing(_contract("BondingManager"));
    }

    function _roundsManager() private view returns (IRoundsManager) {
        return IRoundsManager(_contract("RoundsManager"));
    }
}
