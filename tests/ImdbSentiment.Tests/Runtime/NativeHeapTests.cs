using System.Runtime.InteropServices;
using ImdbSentiment.Runtime;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Runtime;

[Collection(TorchCollection.Name)]
public sealed class NativeHeapTests
{
    [SkippableFact]
    public void Arenas_should_be_capped_unless_the_user_chose_a_cap()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "glibc only");

        Assert.Equal(Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null, NativeHeap.LimitArenas());
    }

    [SkippableFact]
    public void Freed_small_blocks_should_go_back_to_the_operating_system()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "glibc only");

        // 64 MB in 1 KB blocks (far below the mmap threshold, so they come from an arena and stay mapped when freed).
        var blocks = new IntPtr[65_536];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(1024);
            Marshal.WriteByte(blocks[i], 1023, 1);
        }

        foreach (var block in blocks)
        {
            Marshal.FreeHGlobal(block);
        }

        Assert.True(NativeRuntime.ReleaseFreedMemory());
    }

    [SkippableFact]
    public void In_use_bytes_should_follow_allocations_and_frees()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "glibc only");
        var before = NativeHeap.InUseBytes()!.Value;

        var blocks = new IntPtr[65_536];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(1024);
        }

        var during = NativeHeap.InUseBytes()!.Value;
        foreach (var block in blocks)
        {
            Marshal.FreeHGlobal(block);
        }

        var after = NativeHeap.InUseBytes()!.Value;

        // Other threads allocate too, so allow a few megabytes either way.
        Assert.InRange(during - before, 60L << 20, 80L << 20);
        Assert.InRange(during - after, 60L << 20, 80L << 20);
    }
}
