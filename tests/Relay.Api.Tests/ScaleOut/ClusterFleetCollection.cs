namespace Relay.Api.Tests.ScaleOut;

/// <summary>The tests sharing one <see cref="ClusterFleet"/>; xunit runs them one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterFleetCollection : ICollectionFixture<ClusterFleet>
{
    public const string Name = "cluster fleet";
}
