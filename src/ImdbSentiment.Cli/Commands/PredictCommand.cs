using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using ImdbSentiment.Cli.Internal;
using ImdbSentiment.Cli.Serving;
using ImdbSentiment.Inference;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

[Description("Score texts with a model: each text's label and its probability (the probability of a positive review, for sentiment models).")]
internal sealed class PredictCommand(CliConsole console) : Command<PredictSettings>
{
    public override int Execute(CommandContext context, PredictSettings settings, CancellationToken cancellationToken)
    {
        var modelPath = ModelLocator.Resolve(settings.Model);
        var clock = Stopwatch.StartNew();
        using var predictor = PredictorLoader.Load(modelPath, EngineOption.Parse(settings.Engine)!.Value, settings.ModelPrecision, settings.Threads);
        var loaded = clock.Elapsed;
        var texts = InputLines.Read(settings.Texts, settings.Input, settings.JsonLines, console);
        var classNames = predictor.Model.Labels;
        var scoring = new Stopwatch();
        var code = Write(settings, Timed(predictor.Predict(texts), scoring), classNames, console);
        if (settings.Timings)
        {
            // The time since the process started too, so a caller can tell the runtime's start-up and the output from the model's work.
            var sinceStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
            console.ErrorWriter.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"predict: engine {predictor.Model.Engine}, model loaded in {loaded.TotalMilliseconds:F1} ms, texts read and scored in {scoring.Elapsed.TotalMilliseconds:F1} ms, {sinceStart:F0} ms since the process started"));
        }

        return code;
    }

    // The predictions as they come, with the time spent producing them (reading and scoring, not writing) added up.
    private static IEnumerable<Prediction> Timed(IEnumerable<Prediction> predictions, Stopwatch scoring)
    {
        using var enumerator = predictions.GetEnumerator();
        while (true)
        {
            scoring.Start();
            var more = enumerator.MoveNext();
            scoring.Stop();
            if (!more)
            {
                yield break;
            }

            yield return enumerator.Current;
        }
    }

    private static int Write(PredictSettings settings, IEnumerable<Prediction> predictions, IReadOnlyList<string> classNames, CliConsole console)
    {
        var stdout = console.OutWriter;
        if (settings.Json)
        {
            foreach (var prediction in predictions)
            {
                stdout.WriteLine(Json.Serialize(new { text = prediction.Text, probability = prediction.Probability, label = Label(prediction),
                    probabilities = PredictionResponse.ClassProbabilities(prediction, classNames) }));
            }

            return ExitCodes.Success;
        }

        if (settings.Texts.Length > 0)
        {
            var table = new Table().AddColumn(new TableColumn("probability").RightAligned()).AddColumn("label").AddColumn("text");
            foreach (var prediction in predictions)
            {
                table.AddRow(prediction.Probability.ToString("F4", CultureInfo.InvariantCulture), Label(prediction), Markup.Escape(prediction.Text));
            }

            console.Out.Write(table);
            return ExitCodes.Success;
        }

        foreach (var prediction in predictions)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{prediction.Probability:F4}\t{Label(prediction)}\t{prediction.Text}"));
        }

        return ExitCodes.Success;
    }

    private static string Label(Prediction prediction) => prediction.ClassName;
}
