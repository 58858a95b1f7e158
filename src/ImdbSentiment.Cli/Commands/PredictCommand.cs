using System.ComponentModel;
using System.Globalization;
using ImdbSentiment.Cli.Internal;
using ImdbSentiment.Cli.Serving;
using ImdbSentiment.Data;
using ImdbSentiment.Inference;
using ImdbSentiment.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

[Description("Score texts with a model: each text's label and its probability (the probability of a positive review, for sentiment models).")]
internal sealed class PredictCommand : Command<PredictSettings>
{
    public override int Execute(CommandContext context, PredictSettings settings, CancellationToken cancellationToken)
    {
        var modelPath = ModelLocator.Resolve(settings.Model);
        NativeRuntime.SetThreads(settings.Threads);
        using var predictor = SentimentPredictor.Load(modelPath, settings.ModelPrecision, ExecutionSetting.Read(settings.Threads));
        var texts = InputLines.Read(settings.Texts, settings.Input, settings.JsonLines);
        var stdout = Console.Out;
        var classNames = predictor.Bundle.Manifest.ClassNames();
        if (settings.Json)
        {
            foreach (var prediction in predictor.Predict(texts))
            {
                stdout.WriteLine(Json.Serialize(new { text = prediction.Text, probability = prediction.Probability, label = Label(prediction),
                    probabilities = PredictionResponse.ClassProbabilities(prediction, classNames) }));
            }

            return ExitCodes.Success;
        }

        if (settings.Texts.Length > 0)
        {
            var table = new Table().AddColumn(new TableColumn("probability").RightAligned()).AddColumn("label").AddColumn("text");
            foreach (var prediction in predictor.Predict(texts))
            {
                table.AddRow(prediction.Probability.ToString("F4", CultureInfo.InvariantCulture), Label(prediction), Markup.Escape(prediction.Text));
            }

            ConsoleFactory.Stdout.Write(table);
            return ExitCodes.Success;
        }

        foreach (var prediction in predictor.Predict(texts))
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{prediction.Probability:F4}\t{Label(prediction)}\t{prediction.Text}"));
        }

        return ExitCodes.Success;
    }

    private static string Label(Prediction prediction) => prediction.ClassName;
}
