using static TorchSharp.torch;

namespace ImdbSentiment.Models;

/// <summary>The four weights of one direction of one recurrent layer, as PyTorch names them.</summary>
/// <param name="WeightIh"><c>W_ih</c>, <c>[G·H, I]</c>.</param>
/// <param name="WeightHh"><c>W_hh</c>, <c>[G·H, H]</c>.</param>
/// <param name="BiasIh"><c>b_ih</c>, <c>[G·H]</c>.</param>
/// <param name="BiasHh"><c>b_hh</c>, <c>[G·H]</c>.</param>
internal sealed record DirectionWeights(Tensor WeightIh, Tensor WeightHh, Tensor BiasIh, Tensor BiasHh);
