using Hubble.Flow;

namespace Relay.Streams.Filtering;

/// <summary>
/// The FlowFilter fields the matcher evaluates, each with the factory of its predicate. Order is evaluation
/// order: cheap comparisons first, so regular expressions and label selectors run only for flows that passed.
/// Factories throw <see cref="FormatException"/> for values they cannot use.
/// </summary>
internal static class FilterFieldCatalog
{
    // Cilium's monitor message type of L7 (access log) records; HTTP filters only make sense for these.
    private const int AccessLogEventType = 129;

    public static IReadOnlyList<(int Number, Func<FlowFilter, FlowPredicate> Build)> Fields { get; } =
    [
        (FlowFilter.VerdictFieldNumber, f => Values(f.Verdict, ReadVerdict)),
        (FlowFilter.DropReasonDescFieldNumber, f => Values(f.DropReasonDesc, ReadDropReason)),
        (FlowFilter.TrafficDirectionFieldNumber, f => Values(f.TrafficDirection, ReadTrafficDirection)),
        (FlowFilter.IpVersionFieldNumber, f => Values(f.IpVersion, ReadIpVersion)),
        (FlowFilter.EncryptedFieldNumber, f => Values(f.Encrypted, ReadEncrypted)),
        (FlowFilter.ReplyFieldNumber, f => new ReplyFilter([.. f.Reply])),
        (FlowFilter.EventTypeFieldNumber, f => CiliumEventTypeFilter.Create(f.EventType)),
        (FlowFilter.SourceIdentityFieldNumber, f => Values(f.SourceIdentity, ReadSourceIdentity)),
        (FlowFilter.DestinationIdentityFieldNumber, f => Values(f.DestinationIdentity, ReadDestinationIdentity)),
        (FlowFilter.ProtocolFieldNumber, f => ProtocolFilter.Create(f.Protocol)),
        (FlowFilter.SourcePortFieldNumber, f => PortFilter.Create(f.SourcePort, source: true)),
        (FlowFilter.DestinationPortFieldNumber, f => PortFilter.Create(f.DestinationPort, source: false)),
        (FlowFilter.TcpFlagsFieldNumber, f => TcpFlagsFilter.Create(f.TcpFlags)),
        (FlowFilter.InterfaceFieldNumber, f => NetworkInterfaceFilter.Create(f.Interface)),
        (FlowFilter.UuidFieldNumber, f => Values(f.Uuid, ReadUuid)),
        (FlowFilter.TraceIdFieldNumber, f => Values(f.TraceId, ReadTraceId)),
        (FlowFilter.IpTraceIdFieldNumber, f => Values(f.IpTraceId, ReadIpTraceId)),
        (FlowFilter.SourceClusterNameFieldNumber, f => ClusterNames(f.SourceClusterName, ReadSourceCluster)),
        (FlowFilter.DestinationClusterNameFieldNumber,
            f => ClusterNames(f.DestinationClusterName, ReadDestinationCluster)),
        (FlowFilter.SourcePodFieldNumber, f => NamespacedNameFilter.Create(f.SourcePod, SourcePod)),
        (FlowFilter.DestinationPodFieldNumber, f => NamespacedNameFilter.Create(f.DestinationPod, DestinationPod)),
        (FlowFilter.SourceServiceFieldNumber, f => NamespacedNameFilter.Create(f.SourceService, SourceService)),
        (FlowFilter.DestinationServiceFieldNumber,
            f => NamespacedNameFilter.Create(f.DestinationService, DestinationService)),
        (FlowFilter.SourceWorkloadFieldNumber, f => WorkloadFilter.Create(f.SourceWorkload, flow => flow.Source)),
        (FlowFilter.DestinationWorkloadFieldNumber,
            f => WorkloadFilter.Create(f.DestinationWorkload, flow => flow.Destination)),
        (FlowFilter.SourceIpFieldNumber, f => IpFilter.Create(f.SourceIp, flow => flow.IP?.Source)),
        (FlowFilter.DestinationIpFieldNumber, f => IpFilter.Create(f.DestinationIp, flow => flow.IP?.Destination)),
        (FlowFilter.SourceIpXlatedFieldNumber, f => IpFilter.Create(f.SourceIpXlated, flow => flow.IP?.SourceXlated)),
        (FlowFilter.HttpStatusCodeFieldNumber,
            f => ForL7(f, "status code", () => HttpStatusCodeFilter.Create(f.HttpStatusCode))),
        (FlowFilter.HttpMethodFieldNumber, f => ForL7(f, "method", () => new HttpMethodFilter([.. f.HttpMethod]))),
        (FlowFilter.HttpHeaderFieldNumber, f => ForL7(f, "headers", () => new HttpHeaderFilter([.. f.HttpHeader]))),
        (FlowFilter.HttpPathFieldNumber, f => ForL7(f, "path", () => HttpPathFilter.Create(f.HttpPath))),
        (FlowFilter.HttpUrlFieldNumber, f => ForL7(f, "url", () => RegexFilter.Create(f.HttpUrl, ReadHttpUrl))),
        (FlowFilter.DnsQueryFieldNumber, f => RegexFilter.Create(f.DnsQuery, flow => flow.L7?.Dns?.Query)),
        (FlowFilter.SourceFqdnFieldNumber, f => FqdnFilter.Create(f.SourceFqdn, flow => flow.SourceNames)),
        (FlowFilter.DestinationFqdnFieldNumber, f => FqdnFilter.Create(f.DestinationFqdn, flow => flow.DestinationNames)),
        (FlowFilter.NodeNameFieldNumber, f => NodeNameFilter.Create(f.NodeName)),
        (FlowFilter.SourceLabelFieldNumber, f => LabelFilter.Create(f.SourceLabel, flow => flow.Source?.Labels)),
        (FlowFilter.DestinationLabelFieldNumber,
            f => LabelFilter.Create(f.DestinationLabel, flow => flow.Destination?.Labels)),
        (FlowFilter.NodeLabelsFieldNumber, f => LabelFilter.Create(f.NodeLabels, flow => flow.NodeLabels)),
    ];

    private static readonly HashSet<int> SupportedNumbers = Fields.Select(field => field.Number).ToHashSet();

    public static bool Supports(int fieldNumber) => SupportedNumbers.Contains(fieldNumber);

    private static ValueSetFilter<T> Values<T>(IEnumerable<T> values, FlowValueReader<T> read) => new([.. values], read);

    private static ValueSetFilter<string> ClusterNames(IEnumerable<string> names, FlowValueReader<string> read)
    {
        var array = names.ToArray();
        return array.Contains(string.Empty)
            ? throw new FormatException("invalid filter, name must not be empty")
            : new ValueSetFilter<string>(array, read);
    }

    // Like Hubble: an HTTP filter next to an event_type filter needs that filter to admit L7 records.
    private static FlowPredicate ForL7(FlowFilter filter, string what, Func<FlowPredicate> build)
    {
        var eventTypes = filter.EventType;
        if (eventTypes.Count > 0 && !eventTypes.Any(e => e.Type == AccessLogEventType))
        {
            throw new FormatException($"filtering by http {what} requires the event type filter to only match 'l7' events");
        }

        return build();
    }

    private static bool ReadVerdict(Flow flow, out Verdict value)
    {
        value = flow.Verdict;
        return true;
    }

    // Only dropped flows have a drop reason.
    private static bool ReadDropReason(Flow flow, out DropReason value)
    {
        value = flow.DropReasonDesc;
        return flow.Verdict == Verdict.Dropped;
    }

    private static bool ReadTrafficDirection(Flow flow, out TrafficDirection value)
    {
        value = flow.TrafficDirection;
        return true;
    }

    private static bool ReadIpVersion(Flow flow, out IPVersion value)
    {
        value = flow.IP?.IpVersion ?? IPVersion.IpNotUsed;
        return true;
    }

    private static bool ReadEncrypted(Flow flow, out bool value)
    {
        value = flow.IP?.Encrypted ?? false;
        return true;
    }

    private static bool ReadSourceIdentity(Flow flow, out uint value)
    {
        value = flow.Source?.Identity ?? 0;
        return flow.Source is not null;
    }

    private static bool ReadDestinationIdentity(Flow flow, out uint value)
    {
        value = flow.Destination?.Identity ?? 0;
        return flow.Destination is not null;
    }

    private static bool ReadUuid(Flow flow, out string value)
    {
        value = flow.Uuid;
        return true;
    }

    private static bool ReadTraceId(Flow flow, out string value)
    {
        value = flow.TraceContext?.Parent?.TraceId ?? string.Empty;
        return true;
    }

    private static bool ReadIpTraceId(Flow flow, out ulong value)
    {
        value = flow.IpTraceId?.TraceId ?? 0;
        return flow.IpTraceId is not null;
    }

    private static bool ReadSourceCluster(Flow flow, out string value)
    {
        value = flow.Source?.ClusterName ?? string.Empty;
        return true;
    }

    private static bool ReadDestinationCluster(Flow flow, out string value)
    {
        value = flow.Destination?.ClusterName ?? string.Empty;
        return true;
    }

    private static (string, string) SourcePod(Flow flow) =>
        (flow.Source?.Namespace ?? string.Empty, flow.Source?.PodName ?? string.Empty);

    private static (string, string) DestinationPod(Flow flow) =>
        (flow.Destination?.Namespace ?? string.Empty, flow.Destination?.PodName ?? string.Empty);

    private static (string, string) SourceService(Flow flow) =>
        (flow.SourceService?.Namespace ?? string.Empty, flow.SourceService?.Name ?? string.Empty);

    private static (string, string) DestinationService(Flow flow) =>
        (flow.DestinationService?.Namespace ?? string.Empty, flow.DestinationService?.Name ?? string.Empty);

    // Hubble does not match an empty URL.
    private static string? ReadHttpUrl(Flow flow) => flow.L7?.Http?.Url is { Length: > 0 } url ? url : null;
}
