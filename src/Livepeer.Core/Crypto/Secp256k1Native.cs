using System.Runtime.InteropServices;

namespace Livepeer.Core.Crypto;

/// <summary>The libsecp256k1 functions we call (Debian package libsecp256k1-1, recovery module included).</summary>
internal static unsafe partial class Secp256k1Native
{
    internal const string Library = "libsecp256k1.so.1";

    // SECP256K1_FLAGS_TYPE_CONTEXT | BIT_CONTEXT_VERIFY | BIT_CONTEXT_SIGN: ignored by 0.2+, required by older releases.
    internal const uint ContextSignAndVerify = (1 << 0) | (1 << 8) | (1 << 9);
    internal const uint EcUncompressed = 1 << 1;
    internal const uint EcCompressed = (1 << 1) | (1 << 8);

    [LibraryImport(Library, EntryPoint = "secp256k1_context_create")]
    internal static partial nint ContextCreate(uint flags);

    [LibraryImport(Library, EntryPoint = "secp256k1_context_randomize")]
    internal static partial int ContextRandomize(nint ctx, byte* seed32);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_seckey_verify")]
    internal static partial int SecretKeyVerify(nint ctx, byte* seckey32);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_pubkey_create")]
    internal static partial int PublicKeyCreate(nint ctx, byte* pubkey64, byte* seckey32);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_pubkey_parse")]
    internal static partial int PublicKeyParse(nint ctx, byte* pubkey64, byte* input, nuint inputLength);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_pubkey_serialize")]
    internal static partial int PublicKeySerialize(nint ctx, byte* output, nuint* outputLength, byte* pubkey64, uint flags);

    [LibraryImport(Library, EntryPoint = "secp256k1_ecdsa_sign_recoverable")]
    internal static partial int SignRecoverable(nint ctx, byte* signature65, byte* hash32, byte* seckey32, nint nonceFunction, nint nonceData);

    [LibraryImport(Library, EntryPoint = "secp256k1_ecdsa_recoverable_signature_serialize_compact")]
    internal static partial int RecoverableSignatureSerializeCompact(nint ctx, byte* output64, int* recoveryId, byte* signature65);

    [LibraryImport(Library, EntryPoint = "secp256k1_ecdsa_recoverable_signature_parse_compact")]
    internal static partial int RecoverableSignatureParseCompact(nint ctx, byte* signature65, byte* input64, int recoveryId);

    [LibraryImport(Library, EntryPoint = "secp256k1_ecdsa_recover")]
    internal static partial int Recover(nint ctx, byte* pubkey64, byte* signature65, byte* hash32);

    [LibraryImport(Library, EntryPoint = "secp256k1_ecdsa_signature_parse_compact")]
    internal static partial int SignatureParseCompact(nint ctx, byte* signature64, byte* input64);

    [LibraryImport(Library, EntryPoint = "secp256k1_ecdsa_signature_serialize_compact")]
    internal static partial int SignatureSerializeCompact(nint ctx, byte* output64, byte* signature64);

    [LibraryImport(Library, EntryPoint = "secp256k1_ecdsa_signature_normalize")]
    internal static partial int SignatureNormalize(nint ctx, byte* signatureOut64, byte* signatureIn64);

    [LibraryImport(Library, EntryPoint = "secp256k1_ecdsa_verify")]
    internal static partial int Verify(nint ctx, byte* signature64, byte* hash32, byte* pubkey64);
}
