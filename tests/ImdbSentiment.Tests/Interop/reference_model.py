#!/usr/bin/env python3
"""Reference PyTorch modules for imdb-sentiment's models, used by the interop tests (and a template for users).

The modules have the tutorial's attribute names (embedding, rnn, fc, dropout), so an exported state_dict loads
with load_state_dict unchanged, and their forward passes mirror the toolkit's exactly:

  * VanillaRNN: Embedding -> packed tanh RNN -> Linear on the final hidden state (of the last real token).
  * RNN: Embedding (padding_idx) -> dropout -> packed (bi)directional multi-layer GRU/LSTM/RNN -> features
    -> dropout -> Linear. With pooling "final_hidden" the features are the final hidden states of ALL layers and
    directions, hidden.permute(1, 0, 2).reshape(batch, -1) (layer-major, forward before backward), so fc has
    hidden_dim * n_layers * directions inputs. (The classic tutorial notebook uses only the last layer,
    torch.cat((hidden[-2], hidden[-1]), dim=1); with n_layers > 1 its fc is smaller and will not load our weights.)
    With pooling "max_mean" they are max and mean over time of the last layer's outputs, padding excluded.

Usage (all files JSON except the state_dict):
  reference_model.py predict --config model.config.json --state-dict model.pt --inputs ids.json --out probs.json
  reference_model.py create --config model.config.json --seed 7 --state-dict-out model.pt --inputs ids.json --out probs.json
ids.json is {"ids": [[token ids of text 0], [ids of text 1], ...]}; the output is
{"torch": version, "logits": [...], "probabilities": [...]} in input order (row by row for several outputs), from one padded batch, in eval mode
under torch.no_grad(), float32.
"""
import argparse
import json

import torch
import torch.nn as nn


class VanillaRNN(nn.Module):
    def __init__(self, vocab_size, embedding_dim, hidden_dim, output_dim):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim)
        self.rnn = nn.RNN(embedding_dim, hidden_dim)
        self.fc = nn.Linear(hidden_dim, output_dim)

    def forward(self, text, text_lengths):
        embedded = self.embedding(text)  # [T, B, E]
        packed = nn.utils.rnn.pack_padded_sequence(embedded, text_lengths, enforce_sorted=False)
        _, hidden = self.rnn(packed)  # [1, B, H], in batch order
        return self.fc(hidden.squeeze(0))  # [B, O]


class RNN(nn.Module):
    def __init__(self, vocab_size, embedding_dim, hidden_dim, output_dim, n_layers, bidirectional, dropout, pad_idx,
                 cell="gru", pooling="final_hidden", embedding_dropout=None):
        super().__init__()
        self.pooling = pooling
        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=pad_idx)
        recurrent = {"gru": nn.GRU, "lstm": nn.LSTM, "rnn": nn.RNN}[cell]
        self.rnn = recurrent(embedding_dim, hidden_dim, num_layers=n_layers, bidirectional=bidirectional,
                             dropout=dropout if n_layers > 1 else 0.0)
        directions = 2 if bidirectional else 1
        features = hidden_dim * n_layers * directions if pooling == "final_hidden" else 2 * hidden_dim * directions
        self.fc = nn.Linear(features, output_dim)
        self.dropout = nn.Dropout(dropout)
        # No parameters, so no state_dict keys; the toolkit may use a lighter dropout on the embeddings.
        self.embedding_dropout = nn.Dropout(dropout if embedding_dropout is None else embedding_dropout)

    def forward(self, text, text_lengths):
        embedded = self.embedding_dropout(self.embedding(text))  # [T, B, E]
        packed = nn.utils.rnn.pack_padded_sequence(embedded, text_lengths, enforce_sorted=False)
        packed_output, hidden = self.rnn(packed)
        if isinstance(hidden, tuple):  # LSTM: (h_n, c_n)
            hidden = hidden[0]  # [L*D, B, H], in batch order
        if self.pooling == "final_hidden":
            features = hidden.permute(1, 0, 2).reshape(hidden.shape[1], -1)  # [B, L*D*H]
        else:
            output, _ = nn.utils.rnn.pad_packed_sequence(packed_output, padding_value=0.0)  # [T, B, D*H]
            mask = (torch.arange(output.shape[0]).unsqueeze(1) < text_lengths.unsqueeze(0)).unsqueeze(2)
            maximum = output.masked_fill(~mask, float("-inf")).max(dim=0).values
            mean = output.sum(dim=0) / text_lengths.to(output.dtype).clamp_min(1).unsqueeze(1)
            features = torch.cat([maximum, mean], 1)  # [B, 2*D*H]
        return self.fc(self.dropout(features))  # [B, O]


def build(config):
    """The module that an export's <stem>.config.json describes."""
    if config["model"] == "vanilla_rnn":
        return VanillaRNN(config["vocab_size"], config["embedding_dim"], config["hidden_dim"], config["output_dim"])
    return RNN(config["vocab_size"], config["embedding_dim"], config["hidden_dim"], config["output_dim"],
               config["n_layers"], config["bidirectional"], config["dropout"], config["pad_idx"],
               cell=config["cell"], pooling=config["pooling"], embedding_dropout=config["embedding_dropout"])


def predict(model, ids, pad_idx, temperature=1.0):
    model.eval()
    lengths = torch.tensor([len(x) for x in ids], dtype=torch.int64)
    text = torch.full((int(lengths.max()), len(ids)), pad_idx, dtype=torch.int64)  # [T, B]
    for b, x in enumerate(ids):
        text[: len(x), b] = torch.tensor(x, dtype=torch.int64)
    with torch.no_grad():
        logits = model(text, lengths)  # [B, O]
        if logits.shape[1] == 1:
            logits = logits.squeeze(1)  # [B]
            probabilities = torch.sigmoid(logits / temperature)  # the bundle's calibration
        else:
            probabilities = torch.softmax(logits / temperature, dim=1)  # one per label, in the config's labels order
    return logits.reshape(-1).tolist(), probabilities.reshape(-1).tolist()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["predict", "create"])
    parser.add_argument("--config", required=True)
    parser.add_argument("--inputs", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--state-dict")
    parser.add_argument("--state-dict-out")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float32)
    with open(args.config, encoding="utf-8") as f:
        config = json.load(f)
    with open(args.inputs, encoding="utf-8") as f:
        ids = json.load(f)["ids"]

    if args.mode == "predict":
        model = build(config)
        state = torch.load(args.state_dict, map_location="cpu")
        model.load_state_dict(state)  # strict: every key and shape must match
    else:
        torch.manual_seed(args.seed)
        model = build(config)
        torch.save(model.state_dict(), args.state_dict_out)

    expected = {entry["key"]: entry["shape"] for entry in config["state_dict"]}
    actual = {key: list(value.shape) for key, value in model.state_dict().items()}
    if expected != actual:
        raise SystemExit(f"config state_dict layout {expected} differs from the module's {actual}")

    logits, probabilities = predict(model, ids, config["pad_idx"], config.get("temperature", 1.0))
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"torch": torch.__version__, "logits": logits, "probabilities": probabilities}, f)


if __name__ == "__main__":
    main()
