using System.Runtime.CompilerServices;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using PublicApiGenerator;

namespace ImdbSentiment.Tests.PublicApi;

/// <summary>
/// The library's public surface, as PublicApiGenerator prints it, must equal the approved snapshot beside this file, so
/// that it changes only on purpose. When it differs the test writes the new surface to <c>ImdbSentiment.received.txt</c>
/// beside the snapshot: review the difference, and if it is meant, copy the received file over the approved one.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_library_public_API_should_match_the_approved_snapshot() =>
        Approval.Verify(typeof(ModelBundle).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false }),
            Path.Combine(SourceFolder(), "ImdbSentiment.approved.txt"));

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
