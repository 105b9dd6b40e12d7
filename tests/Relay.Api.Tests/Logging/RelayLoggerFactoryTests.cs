using Microsoft.Extensions.Logging;
using Relay.Api.Configuration;

namespace Relay.Api.Tests.Logging;

/// <summary>The relay's own events follow the level; the frameworks underneath stay at warnings.</summary>
public sealed class RelayLoggerFactoryTests
{
    [Theory]
    [InlineData("Microsoft.AspNetCore.Server.Kestrel.Connections")]
    [InlineData("Microsoft.Hosting.Lifetime")]
    [InlineData("Grpc.AspNetCore.Server.ServerCallHandler")]
    [InlineData("Grpc.Net.Client.Internal.GrpcCall")]
    public void Debug_KeepsFrameworkCategoriesAtWarning(string category)
    {
        using var loggers = RelayLoggerFactory.Create(new RelayLogOptions(LogLevel.Information, RelayLogFormat.Json, Debug: true));

        var logger = loggers.CreateLogger(category);

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public void Debug_OpensTheRelaysOwnCategories()
    {
        using var loggers = RelayLoggerFactory.Create(new RelayLogOptions(LogLevel.Information, RelayLogFormat.Text, Debug: true));

        Assert.True(loggers.CreateLogger("Relay.Actors.Peers.PeerActor").IsEnabled(LogLevel.Debug));
    }

    [Fact]
    public void ErrorLevel_AppliesToFrameworkCategoriesToo()
    {
        using var loggers = RelayLoggerFactory.Create(new RelayLogOptions(LogLevel.Error, RelayLogFormat.Text, Debug: false));

        var logger = loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");

        Assert.False(logger.IsEnabled(LogLevel.Warning));
        Assert.True(logger.IsEnabled(LogLevel.Error));
    }
}
