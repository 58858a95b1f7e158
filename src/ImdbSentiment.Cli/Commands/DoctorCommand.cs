using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using ImdbSentiment.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

[Description("Check that this machine can run the toolkit: .NET, TorchSharp's native runtime, CPU features.")]
internal sealed class DoctorCommand(IAnsiConsole console) : Command<CommonSettings>
{
    public override int Execute(CommandContext context, CommonSettings settings, CancellationToken cancellationToken)
    {
        NativeRuntime.EnsureLoaded();
        var table = new Table().AddColumn("check").AddColumn("result");
        table.AddRow(".NET runtime", Markup.Escape(RuntimeInformation.FrameworkDescription));
        table.AddRow("OS", Markup.Escape($"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})"));
        table.AddRow("libtorch", Markup.Escape($"{NativeRuntime.LibTorchVersion} (TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version})"));
        table.AddRow("cores", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("torch threads", TorchSharp.torch.get_num_threads().ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("AVX-512", Avx512F.IsSupported ? "yes" : "no");
        console.Write(table);
        console.MarkupLine("[green]ok[/]: the native runtime loads");
        return 0;
    }
}
