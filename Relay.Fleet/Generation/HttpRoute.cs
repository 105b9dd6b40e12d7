namespace Relay.Fleet.Generation;

/// <summary>An HTTP endpoint a client calls, with how its path varies and how often it fails.</summary>
internal sealed record HttpRoute(string Method, string PathTemplate, double ErrorRate)
{
    private static readonly uint[] Errors = [404, 500, 503, 302];

    /// <summary>The path with <c>{id}</c> replaced by a random identifier.</summary>
    public string Path(Random random) =>
        PathTemplate.Contains("{id}", StringComparison.Ordinal)
            ? PathTemplate.Replace("{id}", random.Next(1, 5000).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : PathTemplate;

    public uint Status(Random random) =>
        random.NextDouble() < ErrorRate ? Errors[random.Next(Errors.Length)] : (Method == "POST" ? 201u : 200u);
}
