using ImdbSentiment.Evaluation;
using ScottPlot;

namespace ImdbSentiment.Cli.Rendering;

/// <summary>ROC curve, confusion-matrix and reliability-diagram images.</summary>
internal static class EvaluationPlotter
{
    public static byte[] Roc(IReadOnlyList<(double FalsePositiveRate, double TruePositiveRate)> points, double auc)
    {
        var plot = new Plot();
        var curve = plot.Add.Scatter(points.Select(p => p.FalsePositiveRate).ToArray(), points.Select(p => p.TruePositiveRate).ToArray());
        curve.MarkerSize = 0;
        curve.LegendText = $"model (AUC {auc:F4})";
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LinePattern = LinePattern.Dashed;
        chance.LegendText = "chance";
        plot.Title("ROC curve");
        plot.XLabel("false positive rate");
        plot.YLabel("true positive rate");
        plot.ShowLegend();
        return plot.GetImageBytes(600, 600, ImageFormat.Png);
    }

    public static byte[] Reliability(IReadOnlyList<CalibrationBin> bins, double expectedError)
    {
        var plot = new Plot();
        var filled = bins.Where(b => b.Count > 0).ToArray();
        var model = plot.Add.Scatter(filled.Select(b => b.MeanConfidence).ToArray(), filled.Select(b => b.Accuracy).ToArray());
        model.MarkerSize = 8;
        model.LegendText = $"model (ECE {expectedError:P1})";
        var perfect = plot.Add.Line(0.5, 0.5, 1, 1);
        perfect.LinePattern = LinePattern.Dashed;
        perfect.LegendText = "calibrated";
        plot.Title("Reliability: accuracy against confidence");
        plot.XLabel("confidence (mean over each interval)");
        plot.YLabel("accuracy");
        plot.ShowLegend();
        return plot.GetImageBytes(600, 600, ImageFormat.Png);
    }

    public static byte[] Confusion(ConfusionMatrix matrix, IReadOnlyList<string> classNames)
    {
        double[,] cells =
        {
            { matrix.TrueNegatives, matrix.FalsePositives },
            { matrix.FalseNegatives, matrix.TruePositives },
        };
        var plot = new Plot();
        plot.Add.Heatmap(cells);
        string[] rows = [$"actual {classNames[0]}", $"actual {classNames[1]}"];
        string[] columns = [$"predicted {classNames[0]}", $"predicted {classNames[1]}"];
        for (var r = 0; r < 2; r++)
        {
            for (var c = 0; c < 2; c++)
            {
                var label = plot.Add.Text($"{columns[c]}\n{rows[r]}\n{cells[r, c]:N0}", c, 1 - r);
                label.LabelFontSize = 16;
                label.LabelAlignment = Alignment.MiddleCenter;
                label.LabelFontColor = Colors.White;
                label.LabelBackgroundColor = Colors.Black.WithAlpha(0.5);
            }
        }

        plot.Title("Confusion matrix");
        plot.HideAxesAndGrid();
        return plot.GetImageBytes(600, 600, ImageFormat.Png);
    }
}
