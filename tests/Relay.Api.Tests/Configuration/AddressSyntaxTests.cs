using Relay.Api.Configuration;

namespace Relay.Api.Tests.Configuration;

public sealed class AddressSyntaxTests
{
    [Theory]
    [InlineData("127.0.0.1:4245", 2, "127.0.0.1:4247")]
    [InlineData(":4245", 1, ":4246")]
    [InlineData("[::1]:4222", 1, "[::1]:4223")]
    [InlineData("127.0.0.1:0", 3, "127.0.0.1:0")]
    [InlineData("localhost:4245", 0, "localhost:4245")]
    [InlineData("not an address", 1, "not an address")]
    public void OffsetPort_MovesThePortUp_KeepsPortZeroAndUnparsableText(string address, int offset, string expected) =>
        Assert.Equal(expected, AddressSyntax.OffsetPort(address, offset));
}
