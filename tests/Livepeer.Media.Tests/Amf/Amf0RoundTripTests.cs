using Livepeer.Media.Amf;

namespace Livepeer.Media.Tests.Amf;

public class Amf0RoundTripTests
{
    private static object? RoundTrip(object? value)
    {
        var bytes = Amf0Writer.Encode(value);
        var reader = new Amf0Reader(bytes);
        var back = reader.ReadValue();
        Assert.True(reader.End, "decoder must consume exactly what the encoder wrote");
        return back;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.5)]
    [InlineData(1e300)]
    [InlineData(double.NaN)]
    public void NumbersRoundTrip(double value) => Assert.Equal(value, (double)RoundTrip(value)!);

    [Fact]
    public void NumberHasExactWireBytes() =>
        Assert.Equal(new byte[] { 0x00, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0 }, Amf0Writer.Encode(1.0));

    [Fact]
    public void BooleansNullAndUndefinedRoundTrip()
    {
        Assert.Equal(true, RoundTrip(true));
        Assert.Equal(false, RoundTrip(false));
        Assert.Null(RoundTrip(null));
        Assert.Same(AmfUndefined.Value, RoundTrip(AmfUndefined.Value));
        Assert.Equal(new byte[] { 0x05, 0x06 }, Amf0Writer.Encode(null, AmfUndefined.Value));
    }

    [Fact]
    public void StringHasExactWireBytesAndUnicodeRoundTrips()
    {
        Assert.Equal(new byte[] { 0x02, 0x00, 0x07, (byte)'c', (byte)'o', (byte)'n', (byte)'n', (byte)'e', (byte)'c', (byte)'t' }, Amf0Writer.Encode("connect"));
        Assert.Equal("héllo ✓", RoundTrip("héllo ✓"));
        Assert.Equal("", RoundTrip(""));
    }

    [Fact]
    public void LongStringIsUsedAbove65535BytesAndRoundTrips()
    {
        var s = new string('x', 70000);
        var bytes = Amf0Writer.Encode(s);
        Assert.Equal((byte)Amf0Marker.LongString, bytes[0]);
        Assert.Equal(s, RoundTrip(s));
    }

    [Fact]
    public void ObjectKeepsOrderAndNestedValues()
    {
        var obj = new AmfObject
        {
            { "app", "live" },
            { "n", 3.0 },
            { "ok", true },
            { "inner", new AmfObject { { "x", null } } },
        };
        var back = Assert.IsType<AmfObject>(RoundTrip(obj));
        Assert.Equal(["app", "n", "ok", "inner"], back.Select(kv => kv.Key));
        Assert.Equal("live", back.GetString("app"));
        Assert.Equal(3.0, back.GetNumber("n"));
        Assert.Equal(true, back["ok"]);
        Assert.True(Assert.IsType<AmfObject>(back["inner"]).TryGetValue("x", out var x) && x is null);
    }

    [Fact]
    public void EmptyObjectIsMarkerThenObjectEnd() =>
        Assert.Equal(new byte[] { 0x03, 0x00, 0x00, 0x09 }, Amf0Writer.Encode(new AmfObject()));

    [Fact]
    public void EcmaArrayRoundTripsAsEcmaArray()
    {
        var arr = new AmfEcmaArray { { "duration", 0.0 }, { "width", 640.0 } };
        var bytes = Amf0Writer.Encode(arr);
        Assert.Equal((byte)Amf0Marker.EcmaArray, bytes[0]);
        Assert.Equal(new byte[] { 0, 0, 0, 2 }, bytes[1..5]);
        var back = Assert.IsType<AmfEcmaArray>(RoundTrip(arr));
        Assert.Equal(640.0, back.GetNumber("width"));
    }

    [Fact]
    public void StrictArrayAndDateRoundTrip()
    {
        var back = Assert.IsType<object?[]>(RoundTrip(new object?[] { 1.0, "two", null, new object?[] { true } }));
        Assert.Equal(1.0, back[0]);
        Assert.Equal("two", back[1]);
        Assert.Null(back[2]);
        Assert.Equal(true, Assert.IsType<object?[]>(back[3])[0]);
        Assert.Equal(new AmfDate(1_700_000_000_000, 60), RoundTrip(new AmfDate(1_700_000_000_000, 60)));
        Assert.Equal(11, Amf0Writer.Encode(new AmfDate(0)).Length);
    }

    [Fact]
    public void IntegersEncodeAsNumbers() => Assert.Equal(5.0, RoundTrip(5));

    [Fact]
    public void CommandSequenceDecodesInOrder()
    {
        var bytes = Amf0Writer.Encode("_result", 1.0, null, new AmfObject { { "code", "NetConnection.Connect.Success" } });
        var values = Amf0Reader.ReadAll(bytes);
        Assert.Equal(4, values.Count);
        Assert.Equal("_result", values[0]);
        Assert.Equal("NetConnection.Connect.Success", ((AmfObject)values[3]!).GetString("code"));
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x01, 0x02 })] // truncated number
    [InlineData(new byte[] { 0x02, 0x00, 0x05, 0x61 })] // string shorter than its length
    [InlineData(new byte[] { 0x03, 0x00, 0x01, 0x61 })] // object property without a value
    [InlineData(new byte[] { 0x0A, 0xFF, 0xFF, 0xFF, 0xFF })] // strict array claiming 4 billion elements
    [InlineData(new byte[] { 0x0C, 0xFF, 0xFF, 0xFF, 0xFF, 0x61 })] // long string claiming 4 GB (found by the fuzzer)
    [InlineData(new byte[] { 0x07, 0x00, 0x01 })] // reference: unsupported
    [InlineData(new byte[] { 0x11 })] // AMF3 switch: unsupported
    public void MalformedInputThrowsAmf0Exception(byte[] bytes) =>
        Assert.Throws<Amf0Exception>(() => Amf0Reader.ReadAll(bytes));

    [Fact]
    public void DeepNestingIsRefused()
    {
        var bytes = new List<byte>();
        for (var i = 0; i < 100; i++) bytes.AddRange([0x0A, 0, 0, 0, 1]);
        bytes.Add(0x05);
        var ex = Assert.Throws<Amf0Exception>(() => Amf0Reader.ReadAll(bytes.ToArray()));
        Assert.Contains("nesting", ex.Message);
    }

    [Fact]
    public void UnencodableValueThrows() => Assert.Throws<Amf0Exception>(() => Amf0Writer.Encode(new Uri("http://x")));
}
