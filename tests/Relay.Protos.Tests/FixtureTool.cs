using Google.Protobuf;
using Google.Protobuf.Reflection;
using Relay.Protos.Tests.Contract;
using Relay.Protos.Tests.Golden;

namespace Relay.Protos.Tests;

/// <summary>
/// Developer-only entry point used by fixture/generate.sh (tests run through the VSTest host, not this).
/// <c>contract &lt;descriptor-set&gt; &lt;out.tsv&gt; &lt;source&gt;</c> dumps the facts of a FileDescriptorSet;
/// <c>golden &lt;out.hex&gt; &lt;out.bin&gt;</c> writes (as hex and raw) the encoding of <see cref="GoldenFlow"/>.
/// </summary>
public static class FixtureTool
{
    public static int Main(string[] args)
    {
        switch (args)
        {
            case ["contract", var descriptorSet, var output, var source]:
                var set = FileDescriptorSet.Parser.ParseFrom(File.ReadAllBytes(descriptorSet));
                File.WriteAllText(output, WireContractFixture.Render(WireContractFacts.From(set.File), source));
                return 0;
            case ["golden", var output, var binaryOutput]:
                var bytes = GoldenFlow.Build().ToByteArray();
                File.WriteAllText(output, GoldenFlow.RenderHex(bytes));
                File.WriteAllBytes(binaryOutput, bytes);
                return 0;
            default:
                // Console is the output channel of this developer CLI.
                Console.Error.WriteLine("usage: contract <descriptor-set> <out.tsv> <source> | golden <out.hex> <out.bin>");
                return 2;
        }
    }
}
