using System.Runtime.InteropServices;
using ImdbSentiment.Runtime;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Runtime;

[Collection(TorchCollection.Name)]
public sealed class OneDnnCacheTests
{
    [SkippableFact]
    public void Loading_the_runtime_should_cap_the_primitive_cache_in_the_C_environment_unless_the_user_chose_a_capacity()
    {
        Skip.If(OperatingSystem.IsWindows(), "setenv is POSIX");
        var chosen = Environment.GetEnvironmentVariable(OneDnnCache.Variable);

        NativeRuntime.EnsureLoaded();

        var seen = Marshal.PtrToStringUTF8(GetEnvironment(OneDnnCache.Variable));
        Assert.Equal(chosen ?? OneDnnCache.Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture), seen);
        Assert.False(OneDnnCache.Limit());
    }

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnvironment([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
