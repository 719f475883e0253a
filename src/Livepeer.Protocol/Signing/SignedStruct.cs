namespace Livepeer.Protocol.Signing;

/// <summary>
/// One signed (EIP-712) struct, declared: the C# record it binds, its struct name and its fields in constructor order.
/// The names are written here, never reflected from C#, so renaming a record or a parameter cannot change the wire.
/// </summary>
public sealed record SignedStruct(Type Type, string Name, IReadOnlyList<SignedField> Fields)
{
    /// <summary>Declares <typeparamref name="T"/> as the struct <paramref name="name"/> with fields written as in
    /// EIP-712's encodeType, e.g. <c>"address to, uint256 amount"</c> (empty for none).</summary>
    public static SignedStruct Of<T>(string name, string fields) => new(typeof(T), name, SignedField.ParseList(fields));
}

/// <summary>One declared field: its EIP-712 type and name.</summary>
public sealed record SignedField(string Type, string Name)
{
    /// <summary>Parses <c>"type name, type name"</c>.</summary>
    public static IReadOnlyList<SignedField> ParseList(string fields) =>
        fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => f.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var type, var name]
                ? new SignedField(type, name)
                : throw new FormatException($"'{f}' is not 'type name'."))
            .ToList();
}
