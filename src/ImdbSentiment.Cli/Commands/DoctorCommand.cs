using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using ImdbSentiment.Cli.Internal;
using ImdbSentiment.Execution;
using ImdbSentiment.Models;
using ImdbSentiment.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;
using TorchSharp;

namespace ImdbSentiment.Cli.Commands;

[Description("Check that this machine can run the toolkit: .NET, libtorch, CPU features, the instruction set oneDNN uses, and every recurrent route against a float64 reference on this CPU.")]
internal sealed class DoctorCommand(IAnsiConsole console) : Command<DoctorSettings>
{
    private static readonly int[] HiddenSizes = [8, 40, 100, 256];

    public override int Execute(CommandContext context, DoctorSettings settings, CancellationToken cancellationToken)
    {
        NativeRuntime.EnsureLoaded();
        if (settings.ProbeOneDnn)
        {
            // oneDNN prints its instruction set when it makes its first primitive; libtorch's nn.LSTM makes one on x86.
            using var lstm = torch.nn.LSTM(4, 8);
            using var mode = torch.inference_mode();
            using var input = torch.ones(2, 1, 4);
            lstm.call(input, null).Item1.Dispose();
            return ExitCodes.Success;
        }

        var threads = torch.get_num_threads();
        var table = new Table().AddColumn("check").AddColumn("result");
        table.AddRow(".NET runtime", Markup.Escape(RuntimeInformation.FrameworkDescription));
        table.AddRow("OS", Markup.Escape($"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})"));
        table.AddRow("libtorch", Markup.Escape($"{NativeRuntime.LibTorchVersion} (TorchSharp {typeof(torch).Assembly.GetName().Version})"));
        table.AddRow("cores", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture));
        table.AddRow("torch threads", threads.ToString(CultureInfo.InvariantCulture));
        table.AddRow("OpenMP waiting", Markup.Escape(NativeRuntime.OpenMpWaitPolicy));
        table.AddRow("AVX-512", Avx512F.IsSupported ? (CpuFeatures.HasNativeBFloat16 ? "yes, with BF16" : "yes") : "no");
        table.AddRow("oneDNN instruction set", Markup.Escape(OneDnnIsa() ?? "unknown (oneDNN printed none)"));
        table.AddRow("execution", Markup.Escape($"{ExecutionSetting.Read(threads).Describe()} ({ExecutionSetting.Variable} switches routes off)"));
        var failed = 0;
        if (!settings.Quick)
        {
            var clock = Stopwatch.StartNew();
            var precisions = CpuFeatures.HasNativeBFloat16 ? new[] { Precision.Float32, Precision.BFloat16 } : [Precision.Float32];
            var results = precisions.SelectMany(p => RouteCheck.Run(RouteCheck.Shapes([RecurrentCell.Gru, RecurrentCell.Lstm, RecurrentCell.Rnn], HiddenSizes), p)).ToList();
            var failures = results.Where(r => !r.Passed).ToList();
            failed = failures.Count;
            var worst = results.GroupBy(r => r.Precision).Select(g =>
                $"{PrecisionNames.Format(g.Key)} {g.Max(r => r.Error) / RouteCheck.UnitRoundoff(g.Key):F1}·u").ToList();
            table.AddRow("recurrent routes vs float64", failed == 0
                ? Markup.Escape($"ok: {results.Count:N0} comparisons of {RouteCheck.Routes.Count} routes in {clock.Elapsed.TotalSeconds:F1} s, largest error {string.Join(", ", worst)}")
                : $"[red]{failed:N0} of {results.Count:N0} comparisons off[/]: {Markup.Escape(failures[0].ToString())}");
            var lstm = RouteCheck.LibTorchLstm(HiddenSizes);
            var wrong = lstm.Where(l => l.Error > RouteCheck.Tolerance(Precision.Float32)).ToList();
            table.AddRow("libtorch nn.LSTM (not used)", Markup.Escape(wrong.Count == 0
                ? "agrees with float64 on this CPU"
                : $"wrong on this CPU for H = {string.Join(", ", wrong.Select(w => w.Hidden))} (off by up to {wrong.Max(w => w.Error):G2}); the toolkit never runs LSTMs on it"));
        }

        console.Write(table);
        if (failed > 0)
        {
            console.MarkupLine($"[red]error[/]: {failed} route comparisons are off the float64 reference on this CPU; run with {ExecutionSetting.Variable}=plain and report it");
            return ExitCodes.Failure;
        }

        console.MarkupLine("[green]ok[/]: the native runtime loads" + (settings.Quick ? string.Empty : " and every route computes what the plain loop computes"));
        return ExitCodes.Success;
    }

    // Runs this program again with ONEDNN_VERBOSE=1 and reads the instruction set from oneDNN's first line.
    private static string? OneDnnIsa()
    {
        var entry = typeof(DoctorCommand).Assembly.Location;
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(entry);
        }

        start.ArgumentList.Add("doctor");
        start.ArgumentList.Add("--probe-onednn");
        start.Environment["ONEDNN_VERBOSE"] = "1";
        try
        {
            using var probe = Process.Start(start);
            if (probe is null)
            {
                return null;
            }

            var stderr = probe.StandardError.ReadToEndAsync();
            var output = probe.StandardOutput.ReadToEnd();
            probe.WaitForExit();
            _ = stderr.Result;
            var line = output.Split('\n').FirstOrDefault(l => l.Contains(",isa:", StringComparison.Ordinal));
            var isa = line?[(line.IndexOf(",isa:", StringComparison.Ordinal) + 5)..].Trim();
            var limit = Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA");
            return isa is null ? null : limit is null ? isa : $"{isa} (ONEDNN_MAX_CPU_ISA={limit})";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
