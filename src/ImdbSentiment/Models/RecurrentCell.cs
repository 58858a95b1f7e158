namespace ImdbSentiment.Models;

/// <summary>The recurrent cell of a <see cref="RecurrentClassifier"/>.</summary>
public enum RecurrentCell
{
    /// <summary>Gated recurrent unit.</summary>
    Gru,

    /// <summary>Long short-term memory.</summary>
    Lstm,

    /// <summary>Elman RNN with tanh.</summary>
    Rnn,
}
