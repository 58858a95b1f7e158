using ImdbSentiment.Datasets;

namespace ImdbSentiment.Pipeline;

/// <summary>What a teacher model said about unlabeled texts: the rows it was confident about, with its labels.</summary>
/// <param name="Rows">The kept texts, labeled with the teacher's class, in the texts' order.</param>
/// <param name="Scored">How many texts the teacher scored.</param>
/// <param name="Positive">How many kept rows carry the positive (second) class.</param>
public sealed record PseudoLabels(IReadOnlyList<LabeledText> Rows, int Scored, int Positive);
