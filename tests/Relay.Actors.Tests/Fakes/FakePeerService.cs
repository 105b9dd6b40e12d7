using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Akka.Actor;
using Akka.TestKit;
using Hubble.Peer;
using Relay.Actors.Peers;

namespace Relay.Actors.Tests.Fakes;

/// <summary>An <see cref="IPeerNotifierFactory"/> made of a function field; unset, it fails the test.</summary>
public sealed class FakePeerNotifierFactory(FakeMisuse misuse) : IPeerNotifierFactory
{
    public Func<string, string?, IPeerNotifier>? OnCreate { get; set; }

    public IPeerNotifier Create(string address, string? tlsServerName) =>
        (OnCreate ?? throw misuse.Unset(nameof(OnCreate)))(address, tlsServerName);
}

/// <summary>A scripted peer service: every subscription opened is told to a probe as a <see cref="FakeSubscription"/>.</summary>
public sealed class FakePeerService
{
    public FakePeerService(TestProbe subscriptions, FakeMisuse misuse)
    {
        Subscriptions = subscriptions;
        Factory = new FakePeerNotifierFactory(misuse)
        {
            OnCreate = (address, tlsServerName) =>
            {
                var subscription = new FakeSubscription(address, tlsServerName);
                subscriptions.Ref.Tell(subscription);
                return subscription;
            },
        };
    }

    public FakePeerNotifierFactory Factory { get; }

    public TestProbe Subscriptions { get; }

    public static ChangeNotification Added(string name, string address, string? tls = null) =>
        Change(ChangeNotificationType.PeerAdded, name, address, tls);

    public static ChangeNotification Updated(string name, string address, string? tls = null) =>
        Change(ChangeNotificationType.PeerUpdated, name, address, tls);

    public static ChangeNotification Deleted(string name) => Change(ChangeNotificationType.PeerDeleted, name, "", null);

    private static ChangeNotification Change(ChangeNotificationType type, string name, string address, string? tls)
    {
        var change = new ChangeNotification { Type = type, Name = name, Address = address };
        if (tls is not null)
        {
            change.Tls = new TLS { ServerName = tls };
        }

        return change;
    }
}

/// <summary>One Notify stream the test feeds: <see cref="Send"/>, then <see cref="Fail"/> or <see cref="End"/>.</summary>
public sealed class FakeSubscription(string address, string? tlsServerName) : IPeerNotifier
{
    private readonly Channel<object> _items = Channel.CreateUnbounded<object>();
    private int _disposed;

    public string Address { get; } = address;

    public string? TlsServerName { get; } = tlsServerName;

    public bool IsDisposed => Volatile.Read(ref _disposed) == 1;

    public void Send(params ChangeNotification[] changes)
    {
        foreach (var change in changes)
        {
            _items.Writer.TryWrite(change);
        }
    }

    public void Fail(Exception error) => _items.Writer.TryWrite(error);

    public void End() => _items.Writer.TryComplete();

    public async IAsyncEnumerable<ChangeNotification> NotifyAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var item in _items.Reader.ReadAllAsync(ct))
        {
            yield return item is Exception error ? throw error : (ChangeNotification)item;
        }
    }

    public void Dispose() => Interlocked.Exchange(ref _disposed, 1);
}
