using System.CommandLine;
using Microsoft.Extensions.Logging;
using Relay.Api.Configuration;

namespace Relay.Api.Cli;

/// <summary>
/// <c>hubble-relay serve</c>: loads and validates the configuration (flags, environment, config file, defaults),
/// then hands the options to the host runner. Invalid configuration prints one <c>error:</c> line per problem to
/// stderr and exits 1; warnings (unknown keys, settings without effect) print one <c>warning:</c> line each.
/// </summary>
public static class ServeCommand
{
    public const string Name = "serve";

    /// <summary>Creates the command.</summary>
    /// <param name="runHost">Runs the relay with valid options; its result is the exit code.</param>
    /// <param name="environment">Environment and files to read; the process's when null.</param>
    /// <param name="loggerFactory">Passed to <paramref name="runHost"/>; null lets the runner build logging from
    /// the options.</param>
    public static Command Create(
        Func<RelayOptions, ILoggerFactory?, CancellationToken, Task<int>> runHost,
        ConfigurationEnvironment? environment = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(runHost);
        var options = RelayCommandLineOptions.Create();
        var command = new Command(Name, "Run the gRPC proxy server.");
        options.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var world = environment ?? ConfigurationEnvironment.FromProcess();
            var input = new RelayConfigurationInput(
                options.ReadFlags(parseResult), options.ReadConfigPath(parseResult), world.Variables, world.FileSystem);
            var result = RelayOptionsLoader.Load(input);

            var stderr = parseResult.InvocationConfiguration.Error;
            foreach (var warning in result.Warnings)
                await stderr.WriteLineAsync($"warning: {warning}");
            if (!result.IsValid)
            {
                foreach (var error in result.Errors)
                    await stderr.WriteLineAsync($"error: {error}");
                return 1;
            }
            return await runHost(result.Options, loggerFactory, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// A stand-in host runner until the relay host exists: logs the effective options and exits 0.
    /// </summary>
    public static Task<int> LogEffectiveOptionsAsync(
        RelayOptions options, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var ownedFactory = loggerFactory is null ? RelayLoggerFactory.Create(options.Log) : null;
        var logger = (loggerFactory ?? ownedFactory!).CreateLogger("Relay.Api.Serve");
        foreach (var (key, value) in options.Describe())
            RelayOptionsLog.EffectiveOption(logger, key, value);
        RelayOptionsLog.RelayHostPending(logger);
        return Task.FromResult(0);
    }
}
