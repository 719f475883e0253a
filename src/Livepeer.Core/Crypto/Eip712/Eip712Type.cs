namespace Livepeer.Core.Crypto.Eip712;

/// <summary>An EIP-712 struct type: a name and its members in declaration order.</summary>
public sealed record Eip712Type(string Name, IReadOnlyList<Eip712Field> Fields)
{
    /// <summary>Declares a type from (name, type) pairs: <c>new Eip712Type("Person", ("name", "string"), ("wallet", "address"))</c>.</summary>
    public Eip712Type(string name, params (string Name, string Type)[] fields)
        : this(name, fields.Select(f => new Eip712Field(f.Name, f.Type)).ToArray())
    {
    }
}
