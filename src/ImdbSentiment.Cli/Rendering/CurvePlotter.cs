using ImdbSentiment.Persistence;
using ScottPlot;

namespace ImdbSentiment.Cli.Rendering;

/// <summary>Draws loss and accuracy per epoch, train against validation.</summary>
internal static class CurvePlotter
{
    public static byte[] Curves(IReadOnlyList<EpochMetrics> history)
    {
        var epochs = history.Select(h => (double)h.Epoch).ToArray();
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        Draw(multiplot.GetPlot(0), "Loss (BCE per review)", epochs, history.Select(h => h.TrainLoss), history.Select(h => h.ValidationLoss));
        Draw(multiplot.GetPlot(1), "Accuracy", epochs, history.Select(h => h.TrainAccuracy), history.Select(h => h.ValidationAccuracy));
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        return multiplot.Render(1200, 450).GetImageBytes(ImageFormat.Png);
    }

    private static void Draw(Plot plot, string title, double[] epochs, IEnumerable<double> train, IEnumerable<double> validation)
    {
        var trainLine = plot.Add.Scatter(epochs, train.ToArray());
        trainLine.LegendText = "train";
        var validationLine = plot.Add.Scatter(epochs, validation.ToArray());
        validationLine.LegendText = "validation";
        plot.Title(title);
        plot.XLabel("epoch");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend();
    }
}
