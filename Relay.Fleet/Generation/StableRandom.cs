namespace Relay.Fleet.Generation;

/// <summary>
/// Seeds derived from a fleet seed and a few indices, stable across processes and platforms
/// (<see cref="HashCode"/> is randomised per process, so it cannot be used here).
/// </summary>
internal static class StableRandom
{
    /// <summary>A <see cref="Random"/> whose sequence depends only on the given values.</summary>
    public static Random For(int seed, params ReadOnlySpan<int> parts) => new((int)(Mix(seed, parts) & 0x7FFF_FFFF));

    /// <summary>A well-spread 64-bit value for the given inputs (SplitMix64 steps).</summary>
    public static ulong Mix(int seed, params ReadOnlySpan<int> parts)
    {
        var state = Step((ulong)(uint)seed ^ 0x9E37_79B9_7F4A_7C15UL);
        foreach (var part in parts)
        {
            state = Step(state ^ (uint)part);
        }

        return state;
    }

    private static ulong Step(ulong x)
    {
        x += 0x9E37_79B9_7F4A_7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return x ^ (x >> 31);
    }
}
