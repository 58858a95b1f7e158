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

    public static byte[] Confusion(IReadOnlyList<long[]> counts, IReadOnlyList<string> classNames)
    {
        var n = counts.Count;
        var cells = new double[n, n];
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                cells[r, c] = counts[r][c];
            }
        }

        var plot = new Plot();
        plot.Add.Heatmap(cells);
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                // Two classes have room to name both sides in every cell; more classes name them on the axes.
                var text = n == 2 ? $"predicted {classNames[c]}\nactual {classNames[r]}\n{cells[r, c]:N0}" : $"{cells[r, c]:N0}";
                var label = plot.Add.Text(text, c, n - 1 - r);
                label.LabelFontSize = n == 2 ? 16 : Math.Max(9, 28 - 2 * n);
                label.LabelAlignment = Alignment.MiddleCenter;
                label.LabelFontColor = Colors.White;
                label.LabelBackgroundColor = Colors.Black.WithAlpha(0.5);
            }
        }

        plot.Title("Confusion matrix");
        if (n == 2)
        {
            plot.HideAxesAndGrid();
        }
        else
        {
            var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
            plot.Axes.Bottom.SetTicks(positions, [.. classNames]);
            plot.Axes.Left.SetTicks([.. positions.Select(p => n - 1 - p)], [.. classNames]);
            plot.XLabel("predicted");
            plot.YLabel("actual");
            plot.HideGrid();
        }

        return plot.GetImageBytes(600 + 20 * Math.Max(0, n - 2), 600 + 20 * Math.Max(0, n - 2), ImageFormat.Png);
    }
}
