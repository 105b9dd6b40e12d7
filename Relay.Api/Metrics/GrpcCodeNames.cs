using Grpc.Core;

namespace Relay.Api.Metrics;

/// <summary>
/// Status codes spelled as grpc-go spells them (<c>codes.Code.String()</c>), the values of the upstream
/// <c>grpc_code</c> label, so dashboards written for the Go relay keep matching. .NET's names differ only in
/// <c>Cancelled</c> (Go: <c>Canceled</c>).
/// </summary>
internal static class GrpcCodeNames
{
    /// <summary>Every code, in numeric order.</summary>
    public static readonly IReadOnlyList<StatusCode> All = Enum.GetValues<StatusCode>();

    private static readonly string[] Names = All.Select(code => code == StatusCode.Cancelled ? "Canceled" : code.ToString()).ToArray();

    public static string Of(StatusCode code) =>
        (int)code >= 0 && (int)code < Names.Length ? Names[(int)code] : "Code(" + ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
}
