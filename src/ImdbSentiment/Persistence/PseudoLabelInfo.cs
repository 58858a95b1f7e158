namespace ImdbSentiment.Persistence;

/// <summary>How a self-trained model's extra training rows were made (<see cref="Pipeline.PseudoLabeling"/>), so a resumed run makes them again.</summary>
/// <param name="Teacher">The teacher bundle's path.</param>
/// <param name="Confidence">The probability the teacher had to give a class for a review to be kept.</param>
/// <param name="Scored">How many unlabeled reviews the teacher scored.</param>
/// <param name="Kept">How many it labeled confidently enough; they joined the training split.</param>
public sealed record PseudoLabelInfo(string Teacher, double Confidence, int Scored, int Kept);
