using ImdbSentiment.Runtime;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Runtime;

public sealed class NativeRuntimeTests
{
    [Fact]
    public void Should_name_the_missing_symbol_version_and_the_setup_script()
    {
        // Given the dynamic linker's own words on Debian 12 (libstdc++ from GCC 12)
        var failure = new DllNotFoundException(
            "/app/libLibTorchSharp.so: /lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by /app/libLibTorchSharp.so)");

        // When
        var error = NativeRuntime.Describe(new TypeInitializationException("TorchSharp.torch", failure));

        // Then
        Assert.Equal(
            "TorchSharp's native runtime needs libstdc++ with GLIBCXX_3.4.32 (GCC 13 or newer), which this system lacks; run scripts/setup.sh",
            error.Message);
    }

    [Fact]
    public void Should_report_other_load_failures_on_one_line()
    {
        var error = NativeRuntime.Describe(new DllNotFoundException("libLibTorchSharp.so: invalid ELF header\nsecond line"));

        Assert.Equal(
            "TorchSharp's native runtime (libtorch) could not be loaded: libLibTorchSharp.so: invalid ELF header; run scripts/setup.sh",
            error.Message);
    }

    [Fact]
    public void Cli_should_print_one_line_and_exit_1_when_the_native_shim_is_broken()
    {
        // Given a copy of the CLI whose native shim is not a shared library
        var copy = Directory.CreateTempSubdirectory("sentiment-broken-native-");
        try
        {
            CopyTreeAsSymlinks(AppContext.BaseDirectory, copy.FullName);
            var shim = Directory.GetFiles(copy.FullName, "libLibTorchSharp.so", SearchOption.AllDirectories).Single();
            File.Delete(shim);
            File.WriteAllText(shim, "not an ELF file");

            // When
            var result = CliProcess.Run(["doctor"], cliDll: Path.Combine(copy.FullName, "sentiment.dll"));

            // Then
            Assert.Equal(1, result.ExitCode);
            var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("sentiment: error: TorchSharp's native runtime (libtorch) could not be loaded:", line);
            Assert.EndsWith("run scripts/setup.sh", line);
            Assert.DoesNotContain("LoadNativeBackend", result.Stdout + result.Stderr);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    // The host resolves the app's real path, so managed files are copied; big native libraries are linked.
    private static void CopyTreeAsSymlinks(string source, string target)
    {
        foreach (var dir in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, dir)));
        }

        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            if (new FileInfo(file).Length > 4_000_000)
            {
                File.CreateSymbolicLink(destination, file);
            }
            else
            {
                File.Copy(file, destination);
            }
        }
    }
}
